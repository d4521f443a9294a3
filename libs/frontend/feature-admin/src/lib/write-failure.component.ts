import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import type { WriteFailure } from './api-problems';

/** The headline of a failed write: what went wrong in the UI language, the server's message, and "reload" when stale. */
@Component({
  selector: 'ls-write-failure',
  imports: [MatButtonModule, TranslatePipe],
  template: `
    @if (failure(); as f) {
      <div class="write-failure" role="alert">
        <p>
          <strong>{{ f.key | t: { status: f.status } }}</strong>
          @if (f.serverMessage && !f.stale) {
            <span class="server-message">({{ f.serverMessage }})</span>
          }
        </p>
        @if (f.stale) {
          <button mat-stroked-button type="button" (click)="reload.emit()">{{ 'admin.reload' | t }}</button>
        }
      </div>
    }
  `,
  styles: `
    .write-failure {
      padding: 8px 16px;
      margin: 8px 0 16px;
      border-left: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .server-message {
      margin-left: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WriteFailureComponent {
  readonly failure = input.required<WriteFailure | null>();
  readonly reload = output();
}
