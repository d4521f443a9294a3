export { clipInterval, mergeIntervals, subtractIntervals, totalMs } from './intervals';
export type { MsInterval, SourcedInterval } from './intervals';
export { KpiInputInvalidError } from './kpi.errors';
export { isKpiPeriodKey, parseKpiPeriod, termCoverage } from './kpi-period';
export type { KpiPeriod, TermCoverage } from './kpi-period';
export {
  AVAILABILITY_PLACES,
  availabilityShare,
  computeAssetAvailability,
  downtimeIntervals,
  meanMinutes,
  msToMinutes,
  rollUpAvailability,
  shareToPercent,
} from './availability.calculator';
export type {
  AssetAvailability,
  AssetAvailabilityInput,
  AvailabilityRollUp,
  BasisMeasure,
  DowntimeTicket,
} from './availability.calculator';
export { computeReliability, rollUpReliability } from './reliability.calculator';
export type { Reliability, ReliabilityInput, ReliabilityRollUp } from './reliability.calculator';
export { complianceShare, computeSlaCompliance } from './sla-compliance.calculator';
export type { SlaClockOutcome, SlaComplianceCell } from './sla-compliance.calculator';
