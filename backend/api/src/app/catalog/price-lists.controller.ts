import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { PriceListListResponse, PriceListView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { CreatePriceListDto, PriceListsService, UpdatePriceListDto, parseIfMatch } from '@leitstand/backend/catalog';
import { ApiCreate, ApiVersionedPatch } from './catalog-http.docs';
import { EtagInterceptor } from './etag.interceptor';

@ApiTags('price-lists')
@Controller('price-lists')
@UseInterceptors(EtagInterceptor)
export class PriceListsController {
  constructor(@Inject(PriceListsService) private readonly priceLists: PriceListsService) {}

  @ApiOperation({ summary: 'List price lists' })
  @Get()
  @Roles('admin', 'agent', 'technician', 'manager')
  @ApiOkResponse({ description: 'All price lists, by key' })
  @ApiForbiddenResponse({ description: 'Customers do not see price lists' })
  list(@CurrentUser() user: AuthUser): Promise<PriceListListResponse> {
    return this.priceLists.list(user);
  }

  @ApiOperation({ summary: 'Get a price list' })
  @Get(':id')
  @Roles('admin', 'agent', 'technician', 'manager')
  @ApiOkResponse({ description: 'The price list (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown id' })
  @ApiForbiddenResponse({ description: 'Customers do not see price lists' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<PriceListView> {
    return this.priceLists.get(user, id);
  }

  @ApiOperation({ summary: 'Create a price list' })
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'The created price list; `data` is checked with parsePriceList' })
  @ApiCreate()
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePriceListDto): Promise<PriceListView> {
    return this.priceLists.create(user, body);
  }

  @ApiOperation({ summary: 'Change a price list' })
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ description: 'The updated price list' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdatePriceListDto,
  ): Promise<PriceListView> {
    return this.priceLists.update(user, id, parseIfMatch(ifMatch), body);
  }
}
