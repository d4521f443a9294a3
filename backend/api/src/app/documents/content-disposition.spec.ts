import { contentDisposition, encodeRfc5987 } from './content-disposition';

describe('Content-Disposition (RFC 6266 / RFC 5987)', () => {
  it('keeps a plain ASCII name in both forms', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it('encodes umlauts, spaces and quotes; the fallback drops the accents', () => {
    expect(contentDisposition('Prüfbericht "Aufzug" 2.pdf')).toBe(
      `attachment; filename="Prufbericht _Aufzug_ 2.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%22Aufzug%22%202.pdf`,
    );
  });

  it("encodes what encodeURIComponent leaves (' ( ) *) and characters outside Latin", () => {
    expect(encodeRfc5987("a'(b)*.jpg")).toBe('a%27%28b%29%2A.jpg');
    expect(contentDisposition('写真.heic', 'inline')).toBe(
      `inline; filename="__.heic"; filename*=UTF-8''%E5%86%99%E7%9C%9F.heic`,
    );
  });

  it('never lets a name break out of the header (CR/LF, backslash, percent)', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1\\%41.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a__Set-Cookie: x=1__41.pdf"');
  });
});
