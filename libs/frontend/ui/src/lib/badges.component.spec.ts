import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Priority, TicketStatus } from '@leitstand/api-contracts';
import { DateTimePipe, I18nService } from '@leitstand/frontend/i18n';
import { provideLsIcons } from './ls-icons';
import { PriorityBadgeComponent } from './priority-badge.component';
import { StatusBadgeComponent } from './status-badge.component';

@Component({
  imports: [PriorityBadgeComponent, StatusBadgeComponent, DateTimePipe],
  template: `
    <ls-priority-badge [priority]="priority()" />
    <ls-status-badge [status]="status()" />
    <time>{{ at | lsDateTime }}</time>
  `,
})
class HostComponent {
  readonly priority = signal<Priority>('A');
  readonly status = signal<TicketStatus>('on_site');
  readonly at = '2026-11-21T13:05:00.000Z';
}

describe('badges and lsDateTime follow the UI language', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideLsIcons()] });
  });

  afterEach(() => localStorage.clear());

  function texts(fixture: { nativeElement: HTMLElement }): string[] {
    return ['ls-priority-badge', 'ls-status-badge', 'time'].map(
      (selector) => fixture.nativeElement.querySelector(selector)?.textContent?.trim() ?? '',
    );
  }

  it('renders German first and English after a switch at runtime, without new inputs', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    expect(texts(fixture)).toEqual(['A – hoch', 'Vor Ort', '21.11.2026, 14:05']);
    expect(fixture.nativeElement.querySelector('ls-priority-badge mat-icon')?.getAttribute('aria-hidden')).toBe('true');

    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(texts(fixture)).toEqual(['A – high', 'On site', '21/11/2026, 14:05']);

    fixture.componentInstance.priority.set('C');
    fixture.componentInstance.status.set('restored');
    await fixture.whenStable();
    expect(texts(fixture)).toEqual(['C – low', 'Restored', '21/11/2026, 14:05']);

    TestBed.inject(I18nService).setLanguage('de');
    await fixture.whenStable();
    expect(texts(fixture)).toEqual(['C – niedrig', 'Entstört', '21.11.2026, 14:05']);
  });
});
