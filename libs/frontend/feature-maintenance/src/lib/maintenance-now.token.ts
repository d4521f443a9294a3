import { InjectionToken } from '@angular/core';

/** The clock of the maintenance views ("today" in the site's zone); tests pin it. */
export const MAINTENANCE_NOW = new InjectionToken<() => Date>('ls.maintenance.now', {
  providedIn: 'root',
  factory: () => () => new Date(),
});
