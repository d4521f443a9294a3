import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { COMPLIANCE_DRILL_DOWN_LIMIT, OCCURRENCE_STATUSES, type ComplianceResponse } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { ComplianceQueryDto, ComplianceService } from '@leitstand/backend/maintenance';

const REASON: SchemaObject = { type: 'string', enum: ['late', 'missed', 'open'] };
const DATE: SchemaObject = { type: 'string', format: 'date' };

const FIGURE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['due', 'onTime', 'late', 'missed', 'open', 'cancelled', 'percent', 'derivation', 'nonCompliant'],
  properties: {
    due: { type: 'integer', minimum: 0 },
    onTime: { type: 'integer', minimum: 0 },
    late: { type: 'integer', minimum: 0 },
    missed: { type: 'integer', minimum: 0 },
    open: { type: 'integer', minimum: 0 },
    cancelled: { type: 'integer', minimum: 0 },
    percent: { type: 'string', nullable: true, example: '92.50', description: 'onTime ÷ due × 100, 2 places' },
    derivation: { type: 'array', items: { type: 'string' }, description: 'German lines: how the figure came about' },
    nonCompliant: {
      type: 'array',
      description:
        'The occurrences of the drill-down (`nonCompliant` of the answer) that this figure counts, by target date',
      items: {
        type: 'object',
        required: ['occurrenceId', 'reason'],
        properties: { occurrenceId: { type: 'string', format: 'uuid' }, reason: REASON },
      },
    },
  },
};

const COMPLIANCE_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'contractId',
    'from',
    'to',
    'today',
    'measuredTo',
    'total',
    'byTrade',
    'undecided',
    'undecidedByTrade',
    'nonCompliant',
    'nonCompliantTotal',
    'nonCompliantTruncated',
  ],
  properties: {
    contractId: { type: 'string', format: 'uuid' },
    from: DATE,
    to: DATE,
    today: { ...DATE, description: 'The day open and missed were judged on (Europe/Berlin)' },
    measuredTo: { ...DATE, description: 'min(to, today): the last target date counted' },
    total: FIGURE_SCHEMA,
    byTrade: { type: 'object', additionalProperties: FIGURE_SCHEMA },
    undecided: { type: 'integer', minimum: 0 },
    undecidedByTrade: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
    nonCompliant: {
      type: 'array',
      maxItems: COMPLIANCE_DRILL_DOWN_LIMIT,
      description:
        `The drill-down: late, missed and open occurrences behind total, missed first, then late, then open, each ` +
        `by target date; at most ${COMPLIANCE_DRILL_DOWN_LIMIT}`,
      items: {
        type: 'object',
        required: [
          'occurrenceId',
          'reason',
          'taskKey',
          'title',
          'trade',
          'siteId',
          'assetId',
          'assetCode',
          'assetName',
          'targetDate',
          'onTimeLimit',
          'legalLatest',
          'completedOn',
          'status',
        ],
        properties: {
          occurrenceId: { type: 'string', format: 'uuid' },
          reason: REASON,
          taskKey: { type: 'string' },
          title: { type: 'string' },
          trade: { type: 'string' },
          siteId: { type: 'string', format: 'uuid' },
          assetId: { type: 'string', format: 'uuid' },
          assetCode: { type: 'string' },
          assetName: { type: 'string' },
          targetDate: DATE,
          onTimeLimit: DATE,
          legalLatest: DATE,
          completedOn: { ...DATE, nullable: true },
          status: { type: 'string', enum: [...OCCURRENCE_STATUSES] },
        },
      },
    },
    nonCompliantTotal: {
      type: 'integer',
      minimum: 0,
      description: 'All late, missed and open occurrences behind total (total.late + total.missed + total.open)',
    },
    nonCompliantTruncated: {
      type: 'boolean',
      description:
        `nonCompliant holds only the first ${COMPLIANCE_DRILL_DOWN_LIMIT} of nonCompliantTotal (and so do the ` +
        'figures’ nonCompliant lists); the counts are complete',
    },
  },
};

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
      '`undecidedByTrade`); they are no misses. percent is a decimal string, null when nothing was due. The ' +
      `drill-down \`nonCompliant\` holds at most ${COMPLIANCE_DRILL_DOWN_LIMIT} rows, missed first; ` +
      '`nonCompliantTotal` counts all of them and `nonCompliantTruncated` says when some were left out',
    schema: COMPLIANCE_RESPONSE_SCHEMA,
  })
  @ApiBadRequestResponse({ description: 'from/to not dates, to before from, or more than 366 days' })
  @ApiForbiddenResponse({ description: 'Technicians and customers do not read compliance' })
  @ApiNotFoundResponse({ description: 'Unknown contract, or outside the caller’s tenants' })
  get(@CurrentUser() user: AuthUser, @Query() query: ComplianceQueryDto): Promise<ComplianceResponse> {
    return this.compliance.compliance(user, query);
  }
}
