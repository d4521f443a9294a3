import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Post, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { TenantListResponse, TenantView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { CreateTenantDto, TenantsService, UpdateTenantDto, parseIfMatch } from '@leitstand/backend/catalog';
import { ApiCreate, ApiVersionedPatch } from './catalog-http.docs';
import { EtagInterceptor } from './etag.interceptor';

@ApiTags('tenants')
@Controller('tenants')
@UseInterceptors(EtagInterceptor)
export class TenantsController {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  @ApiOperation({ summary: 'List tenants' })
  @Get()
  @ApiOkResponse({ description: 'The tenants in the caller’s scope' })
  list(@CurrentUser() user: AuthUser): Promise<TenantListResponse> {
    return this.tenants.list(user);
  }

  @ApiOperation({ summary: 'Get a tenant' })
  @Get(':id')
  @ApiOkResponse({ description: 'The tenant (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s scope' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TenantView> {
    return this.tenants.get(user, id);
  }

  @ApiOperation({ summary: 'Create a tenant' })
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'The created tenant' })
  @ApiCreate()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateTenantDto): Promise<TenantView> {
    return this.tenants.create(user, body);
  }

  @ApiOperation({ summary: 'Change a tenant' })
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ description: 'The updated tenant' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateTenantDto,
  ): Promise<TenantView> {
    return this.tenants.update(user, id, parseIfMatch(ifMatch), body);
  }
}
