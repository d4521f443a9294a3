import {
  Body,
  Controller,
  Delete,
  Get,
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
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { MaintenanceWindowListResponse, MaintenanceWindowView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import {
  CreateMaintenanceWindowDto,
  MaintenanceWindowListQueryDto,
  MaintenanceWindowsService,
  UpdateMaintenanceWindowDto,
  parseIfMatch,
} from '@leitstand/backend/catalog';
import { ApiCreate, ApiVersionedPatch } from './catalog-http.docs';
import { EtagInterceptor } from './etag.interceptor';

const KPI_NOTE =
  'Every change queues the debounced KPI roll-up of the contracts covering the asset’s site (planned downtime leaves required time and downtime).';

/** Planned maintenance windows of an asset: listed and created under the asset. */
@ApiTags('maintenance-windows')
@Controller('assets/:assetId/maintenance-windows')
@UseInterceptors(EtagInterceptor)
export class AssetMaintenanceWindowsController {
  constructor(@Inject(MaintenanceWindowsService) private readonly windows: MaintenanceWindowsService) {}

  @ApiOperation({ summary: "List an asset's maintenance windows" })
  @Get()
  @Roles('admin', 'agent', 'manager')
  @ApiOkResponse({ description: 'The asset’s windows overlapping [from, to) (both optional), by start' })
  @ApiBadRequestResponse({ description: '`from`/`to` are no ISO instants, or `to` is not after `from`' })
  @ApiNotFoundResponse({ description: 'Unknown asset, or outside the caller’s tenants' })
  @ApiForbiddenResponse({ description: 'Customers and technicians do not see maintenance windows' })
  list(
    @CurrentUser() user: AuthUser,
    @Param('assetId') assetId: string,
    @Query() query: MaintenanceWindowListQueryDto,
  ): Promise<MaintenanceWindowListResponse> {
    return this.windows.list(user, assetId, query);
  }

  @ApiOperation({ summary: 'Plan a maintenance window' })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ description: `The created window (ETag: its version). ${KPI_NOTE}` })
  @ApiNotFoundResponse({ description: 'Unknown asset, or outside the caller’s tenants' })
  @ApiCreate()
  create(
    @CurrentUser() user: AuthUser,
    @Param('assetId') assetId: string,
    @Body() body: CreateMaintenanceWindowDto,
  ): Promise<MaintenanceWindowView> {
    return this.windows.create(user, assetId, body);
  }
}

/** One planned maintenance window by id. */
@ApiTags('maintenance-windows')
@Controller('maintenance-windows')
@UseInterceptors(EtagInterceptor)
export class MaintenanceWindowsController {
  constructor(@Inject(MaintenanceWindowsService) private readonly windows: MaintenanceWindowsService) {}

  @ApiOperation({ summary: 'Get a maintenance window' })
  @Get(':id')
  @Roles('admin', 'agent', 'manager')
  @ApiOkResponse({ description: 'The window (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s tenants' })
  @ApiForbiddenResponse({ description: 'Customers and technicians do not see maintenance windows' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<MaintenanceWindowView> {
    return this.windows.get(user, id);
  }

  @ApiOperation({ summary: 'Change a maintenance window' })
  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ description: `The updated window (the merged window is validated as a whole). ${KPI_NOTE}` })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateMaintenanceWindowDto,
  ): Promise<MaintenanceWindowView> {
    return this.windows.update(user, id, parseIfMatch(ifMatch), body);
  }

  @ApiOperation({ summary: 'Delete a maintenance window' })
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'manager')
  @ApiNoContentResponse({ description: `Deleted. ${KPI_NOTE}` })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: delete only this version ("<version>")' })
  @ApiForbiddenResponse({ description: 'The role may not delete windows' })
  @ApiNotFoundResponse({ description: 'Unknown id, or outside the caller’s tenants' })
  @ApiResponse({ status: 412, description: 'If-Match names a stale version; nothing was deleted' })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    const version = ifMatch === undefined || ifMatch.trim() === '' ? null : parseIfMatch(ifMatch);
    await this.windows.remove(user, id, version);
  }
}
