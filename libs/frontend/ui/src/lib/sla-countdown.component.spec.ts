import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { SlaClockView } from '@leitstand/api-contracts';
import { describeSlaClock, formatRemaining } from './sla-countdown';
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
    calendarKey: '24-7',
    ...overrides,
  };
}

describe('describeSlaClock', () => {
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
    expect(describeSlaClock(input, NOW, 'Ersatzteil bestellt')).toEqual({ tone, text, icon });
  });

  it('shows "keine SLA-Frist" without a clock', () => {
    expect(describeSlaClock(null, NOW).text).toBe('keine SLA-Frist');
  });

  it.each([
    [59_000, '0:59 min'],
    [3_723_000, '1:02:03 h'],
    [2 * 86_400_000 + 3 * 3_600_000, '2 T 3 h'],
  ])('formats %d ms remaining as "%s"', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
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
    TestBed.configureTestingModule({ providers: [provideLsIcons()] });
  });

  afterEach(() => jest.useRealTimers());

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
});
