import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@leitstand/backend/core';
import type { ContractEntity } from '@leitstand/backend/data-access';
import type { InvoiceCostInput } from '@leitstand/domain';
import { computeRollup } from './kpi-rollup.calculator';
import { loadRollupInput } from './kpi-rollup.loader';
import { KpiService } from './kpi.service';

/**
 * A contract's cost of one month for its invoice (issue 16): the stored roll-up's cost view once the month is
 * frozen (what the bonus/malus was settled on), else computed now from the live data — by the same loader and
 * calculator as GET /api/contracts/:id/costs, so an invoice never re-derives money.
 */
@Injectable()
export class KpiPeriodCostSource {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KpiService) private readonly kpi: KpiService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async periodCost(
    contract: ContractEntity,
    period: string,
  ): Promise<{ cost: InvoiceCostInput; notes: readonly string[] }> {
    const stored = await this.kpi.stored(contract.id, period);
    if (stored?.frozenAt) {
      const c = stored.payload.costs;
      return { cost: { ...c, from: c.period.from, to: c.period.to }, notes: c.notes };
    }
    const loaded = await loadRollupInput(this.dataSource, contract, period, this.clock.now());
    const costs = computeRollup(loaded.input).costs;
    return { cost: { ...costs, from: loaded.period.fromDate, to: loaded.period.toDate }, notes: costs.notes };
  }
}
