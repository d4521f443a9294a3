import { formatDecimalTextDe, formatEuroDe } from './money';
import { Dec } from './decimal';

/** The original split-based implementation, kept as the reference for the faster one. */
function reference(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? text.slice(1) : text).split('.');
  let grouped = whole;
  if (whole.length > 3) {
    grouped = '';
    for (let i = 0; i < whole.length; i += 1) {
      const fromEnd = whole.length - i;
      grouped += whole.charAt(i);
      if (fromEnd > 1 && (fromEnd - 1) % 3 === 0) {
        grouped += '.';
      }
    }
  }
  return `${negative ? '-' : ''}${grouped},${fraction}`;
}

describe('German decimal formatting', () => {
  it.each([
    ['2435520.00', '2.435.520,00'],
    ['17.475', '17,475'],
    ['-47200.00', '-47.200,00'],
    ['0.40', '0,40'],
    ['12', '12,00'],
    ['1000', '1.000,00'],
    ['123456789012.5', '123.456.789.012,5'],
  ])('%s → %s', (text, expected) => {
    expect(formatDecimalTextDe(text)).toBe(expected);
  });

  it('matches the reference implementation digit for digit', () => {
    const texts: string[] = ['', '-', '.', '1.', '.5', '1.2.3', '-0.00'];
    for (let digits = 1; digits <= 13; digits += 1) {
      const whole = '9876543210123'.slice(0, digits);
      texts.push(whole, `${whole}.5`, `-${whole}.05`, `${whole}.123`);
    }
    for (const text of texts) {
      expect(formatDecimalTextDe(text)).toBe(reference(text));
    }
  });

  it('formats euro amounts', () => {
    expect(formatEuroDe(new Dec('1234567.891'))).toBe('1.234.567,89 €');
  });
});
