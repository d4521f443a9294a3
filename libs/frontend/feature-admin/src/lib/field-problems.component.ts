import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type FieldProblem, problemsAt } from './api-problems';

/**
 * The server's problems at one form field (or below it): shown under the field like a mat-error, each with the
 * path the API named when it is deeper than the field itself.
 */
@Component({
  selector: 'ls-field-problems',
  template: `
    @if (shown().length > 0) {
      <ul class="field-problems" role="alert" [attr.data-path]="path()">
        @for (problem of shown(); track problem.field) {
          @for (message of problem.messages; track $index) {
            <li>
              @if (problem.field !== path()) {
                <code>{{ problem.field }}</code>:
              }
              {{ message }}
            </li>
          }
        }
      </ul>
    }
  `,
  styles: `
    .field-problems {
      margin: -12px 0 12px;
      padding-left: 16px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldProblemsComponent {
  readonly problems = input.required<readonly FieldProblem[]>();
  readonly path = input.required<string>();
  protected readonly shown = computed(() => problemsAt(this.problems(), this.path()));
}
