import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService } from './i18n.service';
import { formatInstant, DateTimePipe } from './date-time.pipe';
import { TranslatePipe } from './translate.pipe';

@Component({
  selector: 'ls-t-host',
  imports: [TranslatePipe, DateTimePipe],
  template: `<b>{{ 'shell.logout' | t }}</b
    ><i>{{ at | lsDateTime }}</i>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class HostComponent {
  readonly at = '2026-11-21T13:05:00Z';
}

describe('t and lsDateTime pipes', () => {
  beforeEach(() => localStorage.clear());

  it('should re-render texts and dates when the language changes, without a reload', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('b')?.textContent).toBe('Abmelden');
    expect(el.querySelector('i')?.textContent).toBe('21.11.2026, 14:05');
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(el.querySelector('b')?.textContent).toBe('Sign out');
    expect(el.querySelector('i')?.textContent).toBe('21/11/2026, 14:05');
  });

  it('should convert to the given zone across DST', () => {
    expect(formatInstant('2026-07-01T12:00:00Z', 'de-DE', 'Europe/Berlin')).toBe('01.07.2026, 14:00');
    expect(formatInstant(null, 'de-DE', 'Europe/Berlin')).toBe('–');
    expect(formatInstant('nope', 'de-DE', 'Europe/Berlin')).toBe('–');
  });
});
