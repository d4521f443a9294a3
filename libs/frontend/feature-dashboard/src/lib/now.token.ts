import { InjectionToken } from '@angular/core';

/** The clock of the period picker (tests pin it). */
export const NOW = new InjectionToken<() => Date>('ls.dashboard.now', {
  providedIn: 'root',
  factory: () => () => new Date(),
});
