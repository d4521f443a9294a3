import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { KpiService, type CostView, type KpiView } from '@leitstand/backend/kpi';

const PERIOD_DOC = {
  name: 'period',
  required: true,
  description: "A month '2026-10', a quarter '2026-Q3' or a year '2026' in the contract's site zone",
};

@ApiTags('kpis')
@Controller('contracts')
export class KpiController {
  constructor(@Inject(KpiService) private readonly kpi: KpiService) {}

  @ApiOperation({ summary: 'KPIs of a contract for a period' })
  @Get(':id/kpis')
  @Roles('admin', 'agent', 'manager')
  @ApiQuery(PERIOD_DOC)
  @ApiOkResponse({
    description:
      'Availability per asset, class and contract against the targets, MTTR/MTBF, SLA compliance per priority and clock, maintenance and inspection compliance (occurrences due in the period, on time with accepted evidence, per trade, with the late, missed and open ones), bonus/malus — each with its derivation (tickets, minutes, occurrences, rule). A period closed one month after its end is frozen (frozenAt): computed once, never changed by later edits',
  })
  @ApiBadRequestResponse({ description: 'period malformed (fields: period)' })
  @ApiForbiddenResponse({ description: 'Customers and technicians do not see contract KPIs' })
  @ApiNotFoundResponse({ description: 'Unknown contract or outside the caller’s tenants' })
  kpis(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query('period') period: unknown): Promise<KpiView> {
    return this.kpi.kpis(user, id, period);
  }

  @ApiOperation({ summary: 'Costs and margin of a contract for a period' })
  @Get(':id/costs')
  @Roles('admin', 'agent', 'manager')
  @ApiQuery(PERIOD_DOC)
  @ApiOkResponse({
    description:
      'Cost of the contract in the period (flat fee pro rata, out-of-scope work priced by the price list, fees of the billed maintenance and inspection occurrences completed in it, bonus/malus), the contract’s inspection cost bands (stated and from the cycles) and the provider’s margin, with derivation; frozen once the period has closed',
  })
  @ApiBadRequestResponse({ description: 'period malformed (fields: period)' })
  @ApiForbiddenResponse({ description: 'Customers and technicians do not see contract costs' })
  @ApiNotFoundResponse({ description: 'Unknown contract or outside the caller’s tenants' })
  costs(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query('period') period: unknown): Promise<CostView> {
    return this.kpi.costs(user, id, period);
  }
}
