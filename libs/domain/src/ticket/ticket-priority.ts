import type { Priority } from '../sla/sla.types';

/** Who reports: a customer in the portal, or provider staff (agent, admin, manager). */
export type ReporterKind = 'customer' | 'staff';

export interface PriorityRequest {
  reporter: ReporterKind;
  /** The class (A/B/C) of the reported asset; null for a fault without an asset. */
  assetClass: Priority | null;
  /** The priority the reporter asked for, if any. */
  requested?: Priority;
  /** Why the requested priority differs from the asset class. */
  reason?: string;
}

export type PriorityProblem =
  | { field: 'priority'; code: 'customer_cannot_override'; message: string }
  | { field: 'priority'; code: 'required_without_asset'; message: string }
  | { field: 'priorityReason'; code: 'reason_required'; message: string };

export interface PriorityDecision {
  priority: Priority;
  /** The priority the asset class gives (null without an asset). */
  defaultPriority: Priority | null;
  /** The override reason, trimmed; null when none was given or none is needed. */
  reason: string | null;
  problems: PriorityProblem[];
}

/**
 * A new ticket's priority (seed 002: A/B/C follow the asset class). The asset class decides; staff may
 * override it with a reason; customers cannot override an asset's class, and without an asset the
 * priority must be given. With problems, `priority` is still the best guess (never used for a write).
 */
export function resolveTicketPriority(request: PriorityRequest): PriorityDecision {
  const { reporter, assetClass, requested } = request;
  const reason = request.reason?.trim() || null;
  const problems: PriorityProblem[] = [];
  if (assetClass === null && requested === undefined) {
    problems.push({
      field: 'priority',
      code: 'required_without_asset',
      message: 'priority is required without an asset',
    });
  }
  if (reporter === 'customer') {
    if (requested !== undefined && assetClass !== null && requested !== assetClass) {
      problems.push({
        field: 'priority',
        code: 'customer_cannot_override',
        message: "customers cannot override the asset's priority",
      });
    }
    return { priority: assetClass ?? requested ?? 'C', defaultPriority: assetClass, reason, problems };
  }
  const priority = requested ?? assetClass ?? 'C';
  if (assetClass !== null && priority !== assetClass && reason === null) {
    problems.push({
      field: 'priorityReason',
      code: 'reason_required',
      message: `priorityReason is required when the priority differs from the asset class (${assetClass})`,
    });
  }
  return { priority, defaultPriority: assetClass, reason, problems };
}
