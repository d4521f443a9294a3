import {
  Body,
  Controller,
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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { AssetListResponse, AssetTicketListResponse, AssetView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import {
  CreateAssetDto,
  AssetListQueryDto,
  AssetTicketsQueryDto,
  AssetsService,
  UpdateAssetDto,
  parseIfMatch,
} from '@leitstand/backend/catalog';
import { ApiCreate, ApiVersionedPatch } from './catalog-http.docs';
import { EtagInterceptor } from './etag.interceptor';

@ApiTags('assets')
@Controller('assets')
@UseInterceptors(EtagInterceptor)
export class AssetsController {
  constructor(@Inject(AssetsService) private readonly assets: AssetsService) {}

  @ApiOperation({ summary: 'List and search assets' })
  @Get()
  @ApiOkResponse({
    description:
      'The register: assets in the caller’s scope, filtered, searched (q), sorted by code or name then id; keyset paging (nextCursor), total with withTotal=true',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: AssetListQueryDto): Promise<AssetListResponse> {
    return this.assets.list(user, query);
  }

  @ApiOperation({ summary: 'Get an asset' })
  @Get(':id')
  @ApiOkResponse({ description: 'The asset (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s scope' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AssetView> {
    return this.assets.get(user, id);
  }

  @ApiOperation({ summary: 'The asset’s recent tickets (history)' })
  @Get(':id/tickets')
  @Roles('admin', 'agent', 'technician', 'manager')
  @ApiOkResponse({ description: 'Up to `limit` (default 20, at most 50) tickets of the asset, newest fault first' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s scope' })
  tickets(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: AssetTicketsQueryDto,
  ): Promise<AssetTicketListResponse> {
    return this.assets.tickets(user, id, query.limit);
  }

  @ApiOperation({ summary: 'Create an asset' })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ description: 'The created asset' })
  @ApiConflictResponse({ description: 'The tenant has an asset with this code already' })
  @ApiCreate()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateAssetDto): Promise<AssetView> {
    return this.assets.create(user, body);
  }

  @ApiOperation({ summary: 'Change an asset' })
  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ description: 'The updated asset' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateAssetDto,
  ): Promise<AssetView> {
    return this.assets.update(user, id, parseIfMatch(ifMatch), body);
  }
}
