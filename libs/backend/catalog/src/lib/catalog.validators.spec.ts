import { isDecimalAmount, isIanaTimeZone, isLocalDate, isPlainObject, isShare } from './catalog.validators';

describe('catalog validators', () => {
  it('accepts real local dates only', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2027-13-01')).toBe(false);
    expect(isLocalDate('2027-1-01')).toBe(false);
    expect(isLocalDate(20270101)).toBe(false);
  });

  it('accepts IANA zones the domain accepts', () => {
    expect(isIanaTimeZone('Europe/Berlin')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus')).toBe(false);
    expect(isIanaTimeZone(1)).toBe(false);
  });

  it('accepts decimal strings that fit numeric(14,2), never numbers', () => {
    expect(isDecimalAmount('2360000.00', 14, 2)).toBe(true);
    expect(isDecimalAmount('0', 14, 2)).toBe(true);
    expect(isDecimalAmount('999999999999.99', 14, 2)).toBe(true);
    expect(isDecimalAmount('1000000000000', 14, 2)).toBe(false);
    expect(isDecimalAmount('1.005', 14, 2)).toBe(false);
    expect(isDecimalAmount('-1', 14, 2)).toBe(false);
    expect(isDecimalAmount('1e3', 14, 2)).toBe(false);
    expect(isDecimalAmount(5000, 14, 2)).toBe(false);
  });

  it('accepts shares in (0, 1]', () => {
    expect(isShare('0.995')).toBe(true);
    expect(isShare('1')).toBe(true);
    expect(isShare('1.0001')).toBe(false);
    expect(isShare('0')).toBe(false);
    expect(isShare(0.995)).toBe(false);
  });

  it('accepts plain objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(null)).toBe(false);
  });
});
