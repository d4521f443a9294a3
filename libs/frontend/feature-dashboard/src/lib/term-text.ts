import type { ContractTermView, KpiPeriodView } from '@leitstand/api-contracts';
import { formatPlanDate } from '@leitstand/frontend/ui';
import type { Localizer } from './localizer';

/**
 * "No figures: the contract starts on 01/01/2027." (or "… ended on …") for a period outside the term, and
 * the same for a term that starts or ends inside the period.
 */
export function termText(term: ContractTermView, period: KpiPeriodView, l: Localizer): string {
  const none = term.coverage === 'none';
  // Outside the term: it starts after the period (or ended before it); inside: it starts or ends within it.
  const starts = none ? term.startsOn >= period.to : term.startsOn > period.from;
  const key = starts
    ? none
      ? 'dashboard.noFigures.starts'
      : 'dashboard.partialTerm.starts'
    : none
      ? 'dashboard.noFigures.ended'
      : 'dashboard.partialTerm.ended';
  return l.t(key, {
    date: formatPlanDate(starts || term.endsOn === null ? term.startsOn : term.endsOn, l.locale),
  });
}
