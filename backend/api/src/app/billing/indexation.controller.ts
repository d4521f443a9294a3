import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { parseIfMatch } from '@leitstand/backend/catalog';
import {
  ApproveIndexationDto,
  IndexationService,
  PutIndexSeriesDto,
  type IndexSeriesView,
  type IndexationPreviewView,
  type PriceVersionView,
} from '@leitstand/backend/billing';
import { ApiVersionedPatch } from '../catalog/catalog-http.docs';
import { EtagInterceptor } from '../catalog/etag.interceptor';

@ApiTags('billing')
@Controller('index-series')
@UseInterceptors(EtagInterceptor)
export class IndexSeriesController {
  constructor(@Inject(IndexationService) private readonly indexation: IndexationService) {}

  @ApiOperation({ summary: 'Index series (labour, material) with their published values' })
  @Get()
  @Roles('admin', 'agent', 'manager')
  @ApiOkResponse({ description: 'Every series with name, source, base year and values (period, value, published on)' })
  @ApiForbiddenResponse({ description: 'Customers and technicians' })
  list(@CurrentUser() user: AuthUser): Promise<{ items: IndexSeriesView[] }> {
    return this.indexation.listSeries(user);
  }

  @ApiOperation({ summary: 'One index series' })
  @Get(':key')
  @Roles('admin', 'agent', 'manager')
  @ApiOkResponse({ description: 'The series with its values; ETag is its version' })
  @ApiNotFoundResponse({ description: 'Unknown key' })
  get(@CurrentUser() user: AuthUser, @Param('key') key: string): Promise<IndexSeriesView> {
    return this.indexation.getSeries(user, key);
  }

  @ApiOperation({ summary: 'Create (If-Match "0") or replace an index series with all its values (admins)' })
  @Put(':key')
  @Roles('admin')
  @ApiOkResponse({ description: 'The stored series; its values replace the stored ones in one transaction' })
  @ApiVersionedPatch()
  put(
    @CurrentUser() user: AuthUser,
    @Param('key') key: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PutIndexSeriesDto,
  ): Promise<IndexSeriesView> {
    return this.indexation.putSeries(user, key, parseIfMatch(ifMatch), body);
  }
}

@ApiTags('billing')
@Controller('contracts')
export class ContractIndexationController {
  constructor(@Inject(IndexationService) private readonly indexation: IndexationService) {}

  @ApiOperation({ summary: "Preview of a contract's indexation on a reference date" })
  @Get(':id/indexation/preview')
  @Roles('admin', 'agent', 'manager')
  @ApiQuery({ name: 'on', required: true, description: "The reference date 'YYYY-MM-DD'" })
  @ApiOkResponse({
    description:
      'P1 = P0 × (a + b·L1/L0 + c·M1/M0) with the clause’s shares, then its caps and correction factor: the raw, ' +
      'capped and final factor, P0 (the contract’s volume or the latest price version before the date), P1, and ' +
      'every index value used (series, source, period, publication date, rebasing)',
  })
  @ApiBadRequestResponse({ description: 'on malformed; the clause lacks series or base period; a value is missing' })
  @ApiForbiddenResponse({ description: 'Customers and technicians' })
  @ApiNotFoundResponse({ description: 'Unknown contract or outside the caller’s tenants' })
  preview(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query('on') on: unknown,
  ): Promise<IndexationPreviewView> {
    return this.indexation.preview(user, id, on);
  }

  @ApiOperation({ summary: 'Approve the indexation on a reference date as a new price version' })
  @Post(':id/price-versions')
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ description: 'The price version valid from the date, with the approved preview' })
  @ApiBadRequestResponse({ description: 'on malformed, or the preview cannot be computed (fields name why)' })
  @ApiConflictResponse({ description: 'A price version from that date exists' })
  @ApiForbiddenResponse({ description: 'Agents, customers and technicians' })
  @ApiNotFoundResponse({ description: 'Unknown contract or outside the caller’s tenants' })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: ApproveIndexationDto,
  ): Promise<PriceVersionView> {
    return this.indexation.approve(user, id, body.on);
  }

  @ApiOperation({ summary: "A contract's approved price versions" })
  @Get(':id/price-versions')
  @Roles('admin', 'agent', 'manager')
  @ApiOkResponse({ description: 'The price versions, oldest first' })
  @ApiNotFoundResponse({ description: 'Unknown contract or outside the caller’s tenants' })
  versions(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<{ items: PriceVersionView[] }> {
    return this.indexation.priceVersions(user, id);
  }
}
