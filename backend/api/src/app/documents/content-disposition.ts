/**
 * A Content-Disposition header for a stored file name (RFC 6266): an ASCII `filename` fallback for old
 * clients and the exact name as `filename*` in RFC 5987 encoding (UTF-8, percent-encoded attr-chars).
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%]/g, '_')
      .trim() || 'download';
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Percent-encodes everything but RFC 5987 attr-chars (encodeURIComponent leaves ' ( ) * as they are). */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
