import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ComplianceResponse } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { ComplianceQueryDto, ComplianceService } from '@leitstand/backend/maintenance';

/** Maintenance and inspection compliance of a contract (issue 15). */
@ApiTags('maintenance')
@Controller('maintenance/compliance')
export class ComplianceController {
  constructor(@Inject(ComplianceService) private readonly compliance: ComplianceService) {}

  @Get()
  @Roles('admin', 'agent', 'manager')
  @ApiOperation({ summary: "A contract's compliance over a period, per trade, with the late, missed and open rows" })
  @ApiOkResponse({
    description:
      'Occurrences with a target date in [from, measuredTo] (measuredTo = min(to, today)): completed with accepted ' +
      'evidence by their on-time limit ÷ due (open ones past their on-time limit included, cancelled ones excluded) — ' +
      'the rule of the KPI roll-up. `undecided` counts the occurrences of [from, to] not counted yet: neither ' +
      'completed nor past their on-time limit, or with a target date after measuredTo (per trade in ' +
      '`undecidedByTrade`); they are no misses. percent is a decimal string, null when nothing was due',
  })
  @ApiBadRequestResponse({ description: 'from/to not dates, to before from, or more than 366 days' })
  @ApiForbiddenResponse({ description: 'Technicians and customers do not read compliance' })
  @ApiNotFoundResponse({ description: 'Unknown contract, or outside the caller’s tenants' })
  get(@CurrentUser() user: AuthUser, @Query() query: ComplianceQueryDto): Promise<ComplianceResponse> {
    return this.compliance.compliance(user, query);
  }
}
