import {
  CalendarSpecError,
  ContractCalculationInvalidError,
  PriceListInvalidError,
  SlaInputError,
  parseContractCalculation,
  parsePriceList,
  type DataIssue,
} from '@leitstand/domain';
import type { FieldProblem } from '@leitstand/backend/core';
import { calendarsForSite, contractTermsForSite, type ContractEntity } from '@leitstand/backend/data-access';

/**
 * Validation of the structured catalog documents with @leitstand/domain — the same code that later
 * computes with them — turned into API field problems (`data.material.overheadTiers[7].fromPrice`,
 * `calendars.on-site.week.mon[0]`, `slaMatrix.A.response.calendar`, `bonusMalus.kpis[0].rule.kind`).
 * Pure: no I/O, no clock.
 */

/** Where a site's calendars are evaluated (its zone, its state's holidays). */
export interface SiteRegion {
  state: string;
  timezone: string;
}

/** Used to check a contract's calendars when it covers no site yet. */
export const DEFAULT_SITE_REGION: SiteRegion = { state: 'DE', timezone: 'Europe/Berlin' };

/** The availability basis that needs no calendar. */
export const ALWAYS_BASIS = '24-7';

export function issuesToProblems(prefix: string, issues: readonly DataIssue[]): FieldProblem[] {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = [prefix, issue.path].filter((part) => part !== '').join('.') || '(root)';
    const message = issue.hint ? `${issue.message} — fix: ${issue.hint}` : issue.message;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/** Problems of a price list document (every one parsePriceList finds), under `data.`. */
export function priceListProblems(data: unknown): FieldProblem[] {
  try {
    parsePriceList(data);
    return [];
  } catch (error) {
    if (error instanceof PriceListInvalidError) return issuesToProblems('data', error.issues);
    throw error;
  }
}

/** The contract fields whose validity depends on each other or on the domain. */
export interface ContractTermsInput {
  startsOn: string;
  endsOn: string | null;
  calendars: Record<string, unknown>;
  slaMatrix: Record<string, unknown>;
  availabilityTargets: Record<string, string>;
  availabilityBasis: string;
  quietWarningsCalendar: string | null;
  bonusMalus: Record<string, unknown> | null;
  indexation: Record<string, unknown> | null;
  economics: Record<string, unknown> | null;
}

const CALENDAR_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/;

/**
 * Every problem of a contract's terms, checked against each of its sites (zone and holidays), or
 * against DEFAULT_SITE_REGION when it covers none.
 */
export function contractTermsProblems(input: ContractTermsInput, sites: readonly SiteRegion[]): FieldProblem[] {
  const problems = new ProblemList();
  if (input.endsOn !== null && input.endsOn < input.startsOn) {
    problems.add('endsOn', `ends (${input.endsOn}) before it starts (${input.startsOn})`);
  }

  const regions = sites.length > 0 ? sites : [DEFAULT_SITE_REGION];
  const keys = Object.keys(input.calendars);
  let calendarsValid = true;
  for (const key of keys) {
    if (!CALENDAR_KEY.test(key)) {
      problems.add(`calendars.${key}`, 'a calendar key is 1–60 letters, digits, ".", "_" or "-"');
      calendarsValid = false;
      continue;
    }
    const spec = input.calendars[key];
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      problems.add(`calendars.${key}`, 'expected a calendar spec { timezone?, week, holidays?, holidayRegion? }');
      calendarsValid = false;
      continue;
    }
    for (const region of regions) {
      try {
        calendarsForSite({ calendars: { [key]: spec } }, region);
      } catch (error) {
        if (!(error instanceof CalendarSpecError)) throw error;
        problems.add(error.field, error.reason);
        calendarsValid = false;
        break;
      }
    }
  }

  if (calendarsValid) {
    for (const region of regions) {
      try {
        contractTermsForSite(
          { calendars: input.calendars, slaMatrix: input.slaMatrix } as unknown as ContractEntity,
          region,
        );
      } catch (error) {
        if (error instanceof SlaInputError) {
          problems.add(error.field, error.reason);
          break;
        }
        if (error instanceof CalendarSpecError) {
          problems.add(error.field, error.reason);
          break;
        }
        throw error;
      }
    }
  }

  if (input.availabilityBasis !== ALWAYS_BASIS && !keys.includes(input.availabilityBasis)) {
    problems.add(
      'availabilityBasis',
      `expected '${ALWAYS_BASIS}' or one of the contract's calendars (${keys.join(', ') || 'none'}), got '${input.availabilityBasis}'`,
    );
  }
  if (input.quietWarningsCalendar !== null && !keys.includes(input.quietWarningsCalendar)) {
    problems.add(
      'quietWarningsCalendar',
      `expected one of the contract's calendars (${keys.join(', ') || 'none'}) or null, got '${input.quietWarningsCalendar}'`,
    );
  }

  for (const problem of contractRuleProblems(input)) problems.push(problem);
  return problems.list();
}

/**
 * Bonus/malus rules and the indexation clause, checked by the domain's contract-calculation parser
 * (wrapped in the smallest calculation document), and the optional economics (a full calculation).
 */
export function contractRuleProblems(
  input: Pick<ContractTermsInput, 'bonusMalus' | 'indexation' | 'economics'>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.bonusMalus !== null || input.indexation !== null) {
    const wrapper: Record<string, unknown> = {
      schemaVersion: 1,
      id: 'contract',
      name: 'contract',
      currency: 'EUR',
      assetGroups: [],
      variants: [
        {
          id: 'main',
          label: 'main',
          volumeBasis: 'computed',
          lineItems: [{ kind: 'lumpSum', id: 'main', label: 'main', amount: '0', per: 'year' }],
        },
      ],
      ...(input.bonusMalus !== null ? { bonusMalus: input.bonusMalus } : {}),
      ...(input.indexation !== null ? { indexation: input.indexation } : {}),
    };
    try {
      parseContractCalculation(wrapper);
    } catch (error) {
      if (!(error instanceof ContractCalculationInvalidError)) throw error;
      const own = error.issues.filter((i) => i.path.startsWith('bonusMalus') || i.path.startsWith('indexation'));
      const other = error.issues.filter((i) => !own.includes(i));
      problems.push(...issuesToProblems('', own));
      // The wrapper itself is valid by construction; anything else would be a domain change to notice.
      if (other.length > 0) problems.push(...issuesToProblems('contract', other));
    }
  }
  if (input.economics !== null) {
    try {
      parseContractCalculation(input.economics);
    } catch (error) {
      if (!(error instanceof ContractCalculationInvalidError)) throw error;
      problems.push(...issuesToProblems('economics', error.issues));
    }
  }
  return problems;
}

class ProblemList {
  private readonly byField = new Map<string, string[]>();

  add(field: string, message: string): void {
    const messages = this.byField.get(field) ?? [];
    if (!messages.includes(message)) messages.push(message);
    this.byField.set(field, messages);
  }

  push(problem: FieldProblem): void {
    for (const m of problem.messages) this.add(problem.field, m);
  }

  list(): FieldProblem[] {
    return [...this.byField].map(([field, messages]) => ({ field, messages }));
  }
}
