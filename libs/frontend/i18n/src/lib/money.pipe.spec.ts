import { Component, ChangeDetectionStrategy, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService } from './i18n.service';
import { MoneyPipe, formatMoney } from './money.pipe';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  it.each([
    ['1234.56', 'de-DE', `1.234,56${NBSP}€`],
    ['1234.56', 'en-GB', '€1,234.56'],
    ['-1234.56', 'de-DE', `-1.234,56${NBSP}€`],
    ['-1234.56', 'en-GB', '-€1,234.56'],
    ['0', 'de-DE', `0,00${NBSP}€`],
    ['12.9', 'de-DE', `12,90${NBSP}€`],
    // Beyond 2^53: a float would lose the cents; the decimal string keeps them exactly.
    ['12345678901234567.89', 'de-DE', `12.345.678.901.234.567,89${NBSP}€`],
    ['12345678901234567.89', 'en-GB', '€12,345,678,901,234,567.89'],
    ['0.1', 'en-GB', '€0.10'],
  ])('should format %s in %s as %s', (value, locale, expected) => {
    expect(formatMoney(value, locale)).toBe(expected);
  });

  it.each([null, undefined, '', 'abc', '1,5', '1e3', '12.'])('should show a dash for %p', (value) => {
    expect(formatMoney(value, 'de-DE')).toBe('–');
  });
});

@Component({
  selector: 'ls-money-host',
  imports: [MoneyPipe],
  template: `<span>{{ amount() | lsMoney }}</span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class MoneyHostComponent {
  readonly amount = signal('1234.56');
}

describe('MoneyPipe', () => {
  it('should follow the UI language at runtime', async () => {
    localStorage.clear();
    const fixture = TestBed.createComponent(MoneyHostComponent);
    await fixture.whenStable();
    const text = (): string => (fixture.nativeElement as HTMLElement).textContent?.trim() ?? '';
    expect(text()).toBe(`1.234,56${NBSP}€`);
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(text()).toBe('€1,234.56');
    localStorage.clear();
  });
});
