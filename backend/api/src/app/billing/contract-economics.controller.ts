import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { ContractEconomicsView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { ContractEconomicsService } from '@leitstand/backend/billing';
import { KpiService } from '@leitstand/backend/kpi';

@ApiTags('billing')
@Controller('contracts')
export class ContractEconomicsController {
  constructor(
    @Inject(ContractEconomicsService) private readonly economics: ContractEconomicsService,
    @Inject(KpiService) private readonly kpi: KpiService,
  ) {}

  @ApiOperation({ summary: "A contract's economics: computed against stated figures, margins, contract types" })
  @Get(':id/economics')
  @Roles('admin', 'agent', 'manager')
  @ApiQuery({
    name: 'year',
    required: false,
    description: "A contract year 'YYYY' (from the anniversary of the start); default: the one containing today",
  })
  @ApiOkResponse({
    description:
      'Each variant of the contract’s calculation: its lines with derivation, the computed annual total, €/m²·a and FTE ' +
      'next to the stated figures and their differences; the months of revenue against effort of a flat rate (loss ' +
      'months flagged); with several contract types, the contract year’s actual call-outs and inspections repriced ' +
      'under each and the cheapest. `calculation` is null without a calculation document.',
  })
  @ApiBadRequestResponse({ description: 'year malformed or outside the term (fields: year)' })
  @ApiForbiddenResponse({ description: 'Customers and technicians do not see contract economics' })
  @ApiNotFoundResponse({ description: 'Unknown contract or outside the caller’s tenants' })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query('year') year: unknown,
  ): Promise<ContractEconomicsView> {
    return this.economics.get(user, id, year, (month) => this.kpi.costs(user, id, month));
  }
}
