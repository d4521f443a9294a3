import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  AssetMaintenanceLogResponse,
  MaintenanceRequirementListResponse,
  MaintenanceRequirementView,
  MaintenanceTaskListResponse,
} from '@leitstand/api-contracts';
import { OCCURRENCE_CALENDAR_MAX_ROWS, OCCURRENCE_STATUSES } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { parseIfMatch } from '@leitstand/backend/catalog';
import {
  AssetMaintenanceLogService,
  CreateMaintenanceRequirementDto,
  MaintenanceRequirementListQueryDto,
  OccurrenceCalendarQueryDto,
  OccurrenceCalendarService,
  RequirementsService,
  UpdateMaintenanceRequirementDto,
} from '@leitstand/backend/maintenance';
import { ApiCreate, ApiVersionedPatch } from '../catalog/catalog-http.docs';
import { EtagInterceptor } from '../catalog/etag.interceptor';

const GENERATION_NOTE =
  'The change queues the contract’s occurrence generation (maintenance.generate) through the outbox.';

const CALENDAR_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['requirements', 'assets', 'items'],
  properties: {
    requirements: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'taskKey', 'title'],
        properties: { id: { type: 'string', format: 'uuid' }, taskKey: { type: 'string' }, title: { type: 'string' } },
      },
    },
    assets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'code', 'name', 'trade'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          code: { type: 'string' },
          name: { type: 'string' },
          trade: { type: 'string' },
        },
      },
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'requirement', 'asset', 'targetDate', 'status'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          requirement: { type: 'integer', minimum: 0, description: 'Index into requirements' },
          asset: { type: 'integer', minimum: 0, description: 'Index into assets' },
          targetDate: { type: 'string', format: 'date' },
          status: { type: 'string', enum: [...OCCURRENCE_STATUSES] },
        },
      },
    },
  },
};

/** The task catalogue, requirements (plans) and the occurrence calendar. */
@ApiTags('maintenance')
@Controller('maintenance')
@UseInterceptors(EtagInterceptor)
export class MaintenanceController {
  constructor(
    @Inject(RequirementsService) private readonly requirements: RequirementsService,
    @Inject(OccurrenceCalendarService) private readonly calendar: OccurrenceCalendarService,
  ) {}

  @ApiOperation({ summary: 'The maintenance task catalogue (by trade, with cadences, evidence and checklists)' })
  @Get('tasks')
  @Roles('admin', 'agent', 'manager', 'technician')
  @ApiOkResponse({ description: 'Every task of the catalogue' })
  @ApiForbiddenResponse({ description: 'Customers do not see the catalogue' })
  tasks(@CurrentUser() user: AuthUser): MaintenanceTaskListResponse {
    return this.requirements.tasks(user);
  }

  @ApiOperation({ summary: 'List requirements (maintenance and inspection plans)' })
  @Get('requirements')
  @Roles('admin', 'agent', 'manager')
  @ApiOkResponse({ description: 'The requirements in the caller’s tenants, oldest first (at most 5,000)' })
  @ApiBadRequestResponse({ description: 'A filter is no uuid; `fields` names it' })
  @ApiForbiddenResponse({ description: 'Technicians and customers do not see plans' })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: MaintenanceRequirementListQueryDto,
  ): Promise<MaintenanceRequirementListResponse> {
    return this.requirements.list(user, query);
  }

  @ApiOperation({ summary: 'Get a requirement' })
  @Get('requirements/:id')
  @Roles('admin', 'agent', 'manager')
  @ApiOkResponse({ description: 'The requirement (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown, or outside the caller’s tenants' })
  @ApiForbiddenResponse({ description: 'Technicians and customers do not see plans' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<MaintenanceRequirementView> {
    return this.requirements.get(user, id);
  }

  @ApiOperation({ summary: 'Create a requirement: a task on one asset, or on a site’s assets of a trade/class' })
  @Post('requirements')
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ description: `The created requirement (ETag: its version). ${GENERATION_NOTE}` })
  @ApiCreate()
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateMaintenanceRequirementDto,
  ): Promise<MaintenanceRequirementView> {
    return this.requirements.create(user, body);
  }

  @ApiOperation({ summary: 'Change a requirement (schedule, evidence, fee, title, active)' })
  @Patch('requirements/:id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ description: `The updated requirement; the merged schedule is validated. ${GENERATION_NOTE}` })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateMaintenanceRequirementDto,
  ): Promise<MaintenanceRequirementView> {
    return this.requirements.update(user, id, parseIfMatch(ifMatch), body);
  }

  @ApiOperation({ summary: 'The maintenance calendar: occurrences by target date (month and year views)' })
  @Get('occurrences')
  @Roles('admin', 'agent', 'manager')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({
    description:
      `What the calendar grid draws (at most ${OCCURRENCE_CALENDAR_MAX_ROWS} items, by target date, asset code): ` +
      'per occurrence its id, target date and status; its requirement and asset are indexes into `requirements` ' +
      '(by task key) and `assets` (by code), which list each of them once',
    schema: CALENDAR_RESPONSE_SCHEMA,
  })
  @ApiBadRequestResponse({
    description: `A bad date or status, \`to\` before \`from\`, more than 400 days, or more than ${OCCURRENCE_CALENDAR_MAX_ROWS} rows`,
  })
  @ApiForbiddenResponse({ description: 'Technicians and customers do not see the planner’s calendar' })
  occurrences(@CurrentUser() user: AuthUser, @Query() query: OccurrenceCalendarQueryDto): Promise<string> {
    return this.calendar.calendarJson(user, query);
  }
}

/** An asset's maintenance log: tickets and occurrences in one history. */
@ApiTags('maintenance')
@Controller('assets/:assetId/maintenance-log')
export class AssetMaintenanceLogController {
  constructor(@Inject(AssetMaintenanceLogService) private readonly logs: AssetMaintenanceLogService) {}

  @ApiOperation({ summary: 'An asset’s history: its tickets and occurrences, newest first' })
  @Get()
  @Roles('admin', 'agent', 'manager', 'technician')
  @ApiOkResponse({
    description: 'Tickets and released/done/cancelled/past occurrences (each at most 500), newest first',
  })
  @ApiNotFoundResponse({ description: 'Unknown asset, or outside the caller’s tenants' })
  @ApiForbiddenResponse({ description: 'Customers do not see the maintenance log' })
  log(@CurrentUser() user: AuthUser, @Param('assetId') assetId: string): Promise<AssetMaintenanceLogResponse> {
    return this.logs.log(user, assetId);
  }
}
