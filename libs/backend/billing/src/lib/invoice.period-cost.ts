import type { ContractEntity } from '@leitstand/backend/data-access';
import type { InvoiceCostInput } from '@leitstand/domain';

/**
 * Where a contract's month cost comes from: the KPI roll-up's cost view (flat fee pro rata of the contract
 * year, billable service reports, billed occurrence fees, bonus/malus) — the frozen one once the month has
 * closed. Implemented by KpiPeriodCostSource in @leitstand/backend/kpi and bound by the app (InvoiceModule.register).
 */
export interface InvoicePeriodCostSource {
  periodCost(contract: ContractEntity, period: string): Promise<{ cost: InvoiceCostInput; notes: readonly string[] }>;
}

export const INVOICE_PERIOD_COST = Symbol('INVOICE_PERIOD_COST');
