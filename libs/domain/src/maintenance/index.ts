export type {
  AnchorRule,
  Cadence,
  ChecklistItemDefinition,
  ChecklistResult,
  CompletionEvidence,
  ComplianceFigure,
  ComplianceInput,
  ComplianceResult,
  EvidenceKind,
  GraceRule,
  InspectionRecord,
  IsoDate,
  LocalizedText,
  MaintenanceKind,
  NonComplianceReason,
  OccurrenceStatus,
  OccurrenceStatusInput,
  ParsedRequirement,
  Performer,
  PlannedOccurrence,
  RequirementEvidence,
  RequirementSchedule,
  ScheduleContext,
  TaskDefinition,
  TradeDefinition,
} from './maintenance.types';
export { MaintenanceError } from './maintenance.errors';
export type { MaintenanceIssue } from './maintenance.errors';
export { assertCadence, cadenceFromTimesPerYear, cadenceLabelDe, defaultLeadDays } from './cadence';
export { addCadence } from './plain-date';
export { MAINTENANCE_TASKS, MAINTENANCE_TRADES, findTask, findTrade } from './task-catalogue';
export { planOccurrences } from './schedule';
export { graceDays, occurrenceStatus, onTimeLimit } from './status';
export {
  computeCompliance,
  isUndecided,
  provisionalCompliance,
  provisionalComplianceOfCounts,
  type ComplianceCounts,
  type NonCompliantEntry,
  type ProvisionalComplianceResult,
  type TradeComplianceCounts,
} from './compliance';
export { EVIDENCE_DOCUMENT_CLASS, failedItems, missingEvidence } from './evidence';
export { parseRequirement } from './requirement.parser';
export { parseChecklistResults, parseInspectionRecord } from './execution.parser';
export type { ParseRequirementOptions } from './requirement.parser';
export { nextWorkingDay, previousWorkingDay, workingDayRule, workingDayRuleFromCalendar } from './working-days';
export type { WorkingDayOptions } from './working-days';
