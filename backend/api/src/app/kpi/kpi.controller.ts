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
      'Availability per asset, class and contract against the targets, MTTR/MTBF, SLA compliance per priority and clock, bonus/malus — each with its derivation (tickets, minutes, rule)',
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
      'Cost of the contract in the period (flat fee pro rata, out-of-scope work priced by the price list, bonus/malus) and the provider’s margin, with derivation',
  })
  @ApiBadRequestResponse({ description: 'period malformed (fields: period)' })
  @ApiForbiddenResponse({ description: 'Customers and technicians do not see contract costs' })
  @ApiNotFoundResponse({ description: 'Unknown contract or outside the caller’s tenants' })
  costs(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query('period') period: unknown): Promise<CostView> {
    return this.kpi.costs(user, id, period);
  }
}
