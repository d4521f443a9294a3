import { Inject, Injectable } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { ROOT_LOGGER } from '@leitstand/backend/core';
import { JobHandler, type HandlesJob } from '@leitstand/backend/jobs';
import { KpiService } from './kpi.service';

/** 'kpi.recompute-all' (nightly): every contract's roll-ups. */
@Injectable()
@JobHandler('kpi.recompute-all')
export class KpiRecomputeAllHandler implements HandlesJob<'kpi.recompute-all'> {
  constructor(
    @Inject(KpiService) private readonly kpi: KpiService,
    @Inject(ROOT_LOGGER) private readonly logger: PinoLogger,
  ) {}

  async handle(): Promise<void> {
    const started = Date.now();
    const result = await this.kpi.recomputeAll();
    this.logger.info({ ...result, ms: Date.now() - started }, 'kpi nightly recompute done');
  }
}
