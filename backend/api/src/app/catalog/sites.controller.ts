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
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { SiteListResponse, SiteView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { CreateSiteDto, SiteListQueryDto, SitesService, UpdateSiteDto, parseIfMatch } from '@leitstand/backend/catalog';
import { ApiCreate, ApiVersionedPatch } from './catalog-http.docs';
import { EtagInterceptor } from './etag.interceptor';

@ApiTags('sites')
@Controller('sites')
@UseInterceptors(EtagInterceptor)
export class SitesController {
  constructor(@Inject(SitesService) private readonly sites: SitesService) {}

  @ApiOperation({ summary: 'List sites' })
  @Get()
  @ApiOkResponse({ description: 'Sites in the caller’s scope, by name' })
  list(@CurrentUser() user: AuthUser, @Query() query: SiteListQueryDto): Promise<SiteListResponse> {
    return this.sites.list(user, query);
  }

  @ApiOperation({ summary: 'Get a site' })
  @Get(':id')
  @ApiOkResponse({ description: 'The site (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s scope' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<SiteView> {
    return this.sites.get(user, id);
  }

  @ApiOperation({ summary: 'Create a site' })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ description: 'The created site' })
  @ApiCreate()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSiteDto): Promise<SiteView> {
    return this.sites.create(user, body);
  }

  @ApiOperation({ summary: 'Change a site' })
  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ description: 'The updated site' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateSiteDto,
  ): Promise<SiteView> {
    return this.sites.update(user, id, parseIfMatch(ifMatch), body);
  }
}
