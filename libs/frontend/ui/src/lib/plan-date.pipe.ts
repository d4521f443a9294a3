import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18nService } from '@leitstand/frontend/i18n';
import { formatPlanDate } from './occurrence-status';

/**
 * `{{ occurrence.targetDate | lsPlanDate }}` → "07.12.2026" / "07/12/2026": a plan date (a plain date of the
 * site, no time, no zone shift). Impure like `lsDateTime`, so a language switch re-renders OnPush views.
 */
@Pipe({ name: 'lsPlanDate', pure: false })
export class PlanDatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: string | null | undefined): string {
    return formatPlanDate(value, this.i18n.locale());
  }
}
