export { clipInterval, mergeIntervals, subtractIntervals, totalMs } from './intervals';
export type { MsInterval, SourcedInterval } from './intervals';
export { KpiInputInvalidError } from './kpi.errors';
export { isKpiPeriodClosed, isKpiPeriodKey, kpiPeriodClosesAtMs, parseKpiPeriod, termCoverage } from './kpi-period';
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
export { computeAssetKpis, percentOf } from './asset-kpis.calculator';
export type {
  AssetKpiRecord,
  AssetKpis,
  AssetKpisInput,
  ClassKpi,
  DowntimeRecord,
  KpiAsset,
  KpiMaintenanceWindow,
  MaintenanceRecord,
} from './asset-kpis.calculator';
export { explainAssetKpi, explainAssetKpis, recordsFromExplanations } from './asset-kpi.explanation';
export type {
  AssetKpiContext,
  AssetKpiExplanation,
  DowntimeIntervalExplanation,
  MaintenanceExclusionExplanation,
} from './asset-kpi.explanation';
export {
  KPI_DERIVATION_FORMAT,
  compactStoredExplanations,
  decodeKpiDerivation,
  encodeKpiDerivation,
} from './kpi-derivation.codec';
export type { KpiDerivation, StoredKpiDerivation } from './kpi-derivation.codec';
export { sumCompliance } from './compliance-sum';
export type { CompliancePart } from './compliance-sum';
export { complianceLine, computePeriodBonusMalus } from './period-bonus-malus';
export type { InspectionComplianceValue, PeriodBonusMalus, PeriodBonusMalusInput } from './period-bonus-malus';
export {
  billedOccurrenceFees,
  computeContractPeriodCost,
  inspectionBandViews,
  periodEffort,
  priceBillableTickets,
} from './period-cost';
export type {
  BilledOccurrence,
  InspectionBandView,
  OccurrenceFeeItem,
  BillableTicket,
  ContractPeriodCostInput,
  InternalCostRates,
  PricedServiceReports,
  ServiceReportCost,
} from './period-cost';
