import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { SlaClockView } from '@leitstand/api-contracts';
import { I18nService } from '@leitstand/frontend/i18n';
import { type Translate, describeSlaClock, formatOverdue, formatRemaining } from './sla-countdown';
import { SlaCountdownComponent } from './sla-countdown.component';
import { provideLsIcons } from './ls-icons';
import { SlaTicker } from './sla-ticker.service';

const NOW = Date.parse('2026-11-21T13:00:00.000Z');

function clock(overrides: Partial<SlaClockView>): SlaClockView {
  return {
    clock: 'response',
    state: 'running',
    priority: 'A',
    budgetMinutes: 15,
    usedMinutes: 0,
    remainingMinutes: 15,
    deadline: '2026-11-21T13:12:34.000Z',
    warningAt: '2026-11-21T13:11:15.000Z',
    breachMinutes: null,
    lateMs: null,
    stoppedAt: null,
    calendarKey: '24-7',
    ...overrides,
  };
}

/** `t` of a fresh I18nService in `language`. */
function translator(language: 'de' | 'en'): Translate {
  localStorage.clear();
  TestBed.resetTestingModule();
  const i18n = TestBed.inject(I18nService);
  i18n.setLanguage(language);
  return (key, params) => i18n.t(key, params);
}

describe('describeSlaClock', () => {
  afterEach(() => localStorage.clear());

  it.each([
    ['running', clock({}), 'running', 'noch 12:34 min', 'ls:schedule'],
    [
      'at risk',
      clock({ warningAt: '2026-11-21T12:59:00.000Z' }),
      'at-risk',
      'gefährdet – noch 12:34 min',
      'ls:warning',
    ],
    [
      'running past its deadline',
      clock({ deadline: '2026-11-21T12:57:00.000Z' }),
      'breached',
      'überfällig seit 3 min',
      'ls:error',
    ],
    [
      'breached',
      clock({ state: 'breached', deadline: '2026-11-21T10:55:00.000Z' }),
      'breached',
      'überfällig seit 2 h 5 min',
      'ls:error',
    ],
    ['met', clock({ state: 'met' }), 'met', 'erfüllt', 'ls:check-circle'],
    [
      'paused',
      clock({ state: 'paused', deadline: null }),
      'paused',
      'pausiert: Ersatzteil bestellt',
      'ls:pause-circle',
    ],
  ])('shows a %s clock as %s with text and icon', (_name, input, tone, text, icon) => {
    expect(describeSlaClock(input, NOW, 'Ersatzteil bestellt', translator('de'))).toEqual({ tone, text, icon });
  });

  it.each([
    ['running', clock({}), '12:34 min left'],
    ['at risk', clock({ warningAt: '2026-11-21T12:59:00.000Z' }), 'at risk – 12:34 min left'],
    ['running past its deadline', clock({ deadline: '2026-11-21T12:57:00.000Z' }), 'overdue by 3 min'],
    ['breached', clock({ state: 'breached', deadline: '2026-11-21T10:55:00.000Z' }), 'overdue by 2 h 5 min'],
    ['met', clock({ state: 'met' }), 'met'],
    ['paused', clock({ state: 'paused', deadline: null }), 'paused: Ersatzteil bestellt'],
    ['running without deadline', clock({ deadline: null }), 'running'],
  ])('reads a %s clock in English as "%s"', (_name, input, text) => {
    expect(describeSlaClock(input, NOW, 'Ersatzteil bestellt', translator('en')).text).toBe(text);
  });

  // Closed ticket 2026-000003: response deadline half a year ago, accepted 8 min 35 s after it. A stopped
  // clock keeps its final figure however much later it is looked at; only a counting clock moves.
  const lateStop = clock({
    state: 'breached',
    deadline: '2026-05-22T06:45:00.000Z',
    stoppedAt: '2026-05-22T06:53:35.000Z',
    breachMinutes: 8.583,
    lateMs: 515_000,
  });
  const earlyStop = clock({
    state: 'met',
    deadline: '2026-11-21T12:40:00.000Z',
    stoppedAt: '2026-11-21T12:37:00.000Z',
  });

  it.each([
    ['de', lateStop, 'breached', 'verletzt um 8:35 min'],
    ['en', lateStop, 'breached', 'breached by 8:35 min'],
    ['de', earlyStop, 'met', 'erfüllt, 3 min vor Frist'],
    ['en', earlyStop, 'met', 'met, 3 min before the deadline'],
  ] as const)('shows a stopped clock in %s with its final figure', (language, input, tone, text) => {
    const t = translator(language);
    const now = describeSlaClock(input, NOW, null, t);
    const later = describeSlaClock(input, NOW + 7 * 86_400_000, null, t);
    expect(now).toMatchObject({ tone, text });
    expect(later).toEqual(now);
  });

  it('derives the lateness of a stopped clock from deadline and stop when lateMs is absent', () => {
    const input = { ...lateStop, lateMs: null };
    expect(describeSlaClock(input, NOW, null, translator('de')).text).toBe('verletzt um 8:35 min');
  });

  it('counts a breached clock that has not stopped from its deadline', () => {
    const input = clock({ state: 'breached', deadline: '2026-11-21T12:50:00.000Z', lateMs: 600_000 });
    expect(describeSlaClock(input, NOW, null, translator('de')).text).toBe('überfällig seit 10 min');
    expect(describeSlaClock(input, NOW + 3_600_000, null, translator('de')).text).toBe('überfällig seit 1 h 10 min');
  });

  it('shows "keine SLA-Frist" / "no SLA deadline" without a clock, and "pausiert" without a reason', () => {
    expect(describeSlaClock(null, NOW, null, translator('de')).text).toBe('keine SLA-Frist');
    expect(describeSlaClock(clock({ state: 'paused' }), NOW, null, translator('de')).text).toBe('pausiert');
    expect(describeSlaClock(null, NOW, null, translator('en')).text).toBe('no SLA deadline');
  });

  it.each([
    [59_000, '0:59 min', '0:59 min'],
    [3_723_000, '1:02:03 h', '1:02:03 h'],
    [2 * 86_400_000 + 3 * 3_600_000, '2 T 3 h', '2 d 3 h'],
  ])('formats %d ms remaining as "%s" / "%s"', (ms, de, en) => {
    expect(formatRemaining(ms, translator('de'))).toBe(de);
    expect(formatRemaining(ms, translator('en'))).toBe(en);
  });

  it('formats a day and more overdue in days and hours', () => {
    const ms = 86_400_000 + 4 * 3_600_000 + 59_000;
    expect(formatOverdue(ms, translator('de'))).toBe('1 T 4 h');
    expect(formatOverdue(ms, translator('en'))).toBe('1 d 4 h');
  });
});

@Component({
  imports: [SlaCountdownComponent],
  template: `<ls-sla-countdown [clock]="clock()" pauseReason="Kunde nicht erreichbar" />`,
})
class HostComponent {
  readonly clock = signal<SlaClockView>(clock({ warningAt: null }));
}

describe('SlaCountdownComponent', () => {
  beforeEach(() => {
    // Only the clock and the interval are fake; Angular's zoneless scheduler keeps its real timers.
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'nextTick',
        'setImmediate',
      ],
    });
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideLsIcons()] });
  });

  afterEach(() => {
    jest.useRealTimers();
    localStorage.clear();
  });

  function element(fixture: { nativeElement: HTMLElement }): HTMLElement {
    const el = fixture.nativeElement.querySelector<HTMLElement>('ls-sla-countdown');
    if (!el) {
      throw new Error('no countdown');
    }
    return el;
  }

  it('ticks every second from the shared ticker and tells the state by text, icon and class', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = element(fixture);
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toBe('Reaktion: noch 12:34 min');
    expect(el.getAttribute('role')).toBe('timer');
    expect(el.classList).toContain('sla--running');
    expect(el.querySelector('mat-icon')?.getAttribute('aria-hidden')).toBe('true');

    jest.advanceTimersByTime(1000);
    await fixture.whenStable();
    expect(el.textContent).toContain('noch 12:33 min');

    jest.advanceTimersByTime(12 * 60_000 + 33_000 + 3 * 60_000);
    await fixture.whenStable();
    expect(el.textContent).toContain('überfällig seit 3 min');
    expect(el.classList).toContain('sla--breached');
  });

  it('shows the pause reason of a paused clock', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.clock.set(clock({ clock: 'restore', state: 'paused' }));
    await fixture.whenStable();
    expect(element(fixture).textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Entstörung: pausiert: Kunde nicht erreichbar',
    );
  });

  it('uses one interval for every countdown on the page', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const ticker = TestBed.inject(SlaTicker);
    expect(jest.getTimerCount()).toBe(1);
    expect(ticker.now()).toBe(NOW);
  });

  it('switches label and countdown text to English at runtime and keeps ticking in English', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = element(fixture);
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toBe('Reaktion: noch 12:34 min');

    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toBe('Response: 12:34 min left');

    jest.advanceTimersByTime(1000);
    await fixture.whenStable();
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toBe('Response: 12:33 min left');

    fixture.componentInstance.clock.set(clock({ clock: 'restore', state: 'paused' }));
    await fixture.whenStable();
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toBe('Restore: paused: Kunde nicht erreichbar');

    TestBed.inject(I18nService).setLanguage('de');
    await fixture.whenStable();
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toBe('Entstörung: pausiert: Kunde nicht erreichbar');
  });
});
