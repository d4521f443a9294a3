import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/**
 * The one clock of a page: `now()` is the current epoch milliseconds, updated once per second by a
 * single interval shared by every countdown (a queue of 5,000 rows still has exactly one timer).
 */
@Injectable({ providedIn: 'root' })
export class SlaTicker {
  private readonly nowMs = signal(Date.now());
  readonly now = this.nowMs.asReadonly();

  constructor() {
    const handle = setInterval(() => this.nowMs.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(handle));
  }

  /** Sets the clock at once (tests, or after the tab wakes up). */
  tick(): void {
    this.nowMs.set(Date.now());
  }
}
