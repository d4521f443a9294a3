import { Inject, Injectable } from '@nestjs/common';
import { JobHandler, type HandlesJob, type JobPayloads } from '@leitstand/backend/jobs';
import { KpiService } from './kpi.service';

/** 'kpi.recompute-contract': recompute and store one contract's roll-ups. */
@Injectable()
@JobHandler('kpi.recompute-contract')
export class KpiRecomputeContractHandler implements HandlesJob<'kpi.recompute-contract'> {
  constructor(@Inject(KpiService) private readonly kpi: KpiService) {}

  async handle(payload: JobPayloads['kpi.recompute-contract']): Promise<void> {
    await this.kpi.recomputeContract(payload.contractId, payload.periods);
  }
}
