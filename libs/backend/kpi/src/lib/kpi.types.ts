import type { CostView, KpiView } from '@leitstand/api-contracts';

/**
 * What GET /api/contracts/:id/kpis and …/costs answer: the wire types live in `@leitstand/api-contracts`
 * (kpi.types.ts), shared with the UI; the domain's results are structurally the same shapes.
 */
export type {
  AssetKpiView,
  ComplianceFigureView,
  InspectionBandCostView,
  MaintenanceComplianceView,
  OccurrenceFeeView,
  ClassKpiView,
  ContractTermView,
  CostView,
  DowntimeIntervalView,
  KpiPeriodView,
  KpiView,
  RollupMeta,
  ServiceReportCostView,
} from '@leitstand/api-contracts';

/** The stored roll-up: both views of one contract and period. */
export interface KpiRollupPayload {
  readonly kpis: KpiView;
  readonly costs: CostView;
}
