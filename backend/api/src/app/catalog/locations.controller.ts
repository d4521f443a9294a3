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
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { LocationTreeResponse, LocationView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { CreateLocationDto, LocationsService, UpdateLocationDto, parseIfMatch } from '@leitstand/backend/catalog';
import { ApiCreate, ApiVersionedPatch } from './catalog-http.docs';
import { EtagInterceptor } from './etag.interceptor';

@ApiTags('locations')
@Controller('sites/:siteId/locations')
export class SiteLocationsController {
  constructor(@Inject(LocationsService) private readonly locations: LocationsService) {}

  @ApiOperation({ summary: 'The location tree of a site' })
  @Get()
  @ApiOkResponse({ description: 'Buildings with their floors and rooms (each level by name), with asset counts' })
  @ApiNotFoundResponse({ description: 'Unknown site or outside the caller’s scope' })
  tree(@CurrentUser() user: AuthUser, @Param('siteId') siteId: string): Promise<LocationTreeResponse> {
    return this.locations.tree(user, siteId);
  }

  @ApiOperation({ summary: 'Create a building, floor or room' })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager')
  @UseInterceptors(EtagInterceptor)
  @ApiCreatedResponse({ description: 'The created location' })
  @ApiNotFoundResponse({ description: 'Unknown site or outside the caller’s scope' })
  @ApiConflictResponse({ description: 'A sibling has this name already' })
  @ApiCreate()
  create(
    @CurrentUser() user: AuthUser,
    @Param('siteId') siteId: string,
    @Body() body: CreateLocationDto,
  ): Promise<LocationView> {
    return this.locations.create(user, siteId, body);
  }
}

@ApiTags('locations')
@Controller('locations')
@UseInterceptors(EtagInterceptor)
export class LocationsController {
  constructor(@Inject(LocationsService) private readonly locations: LocationsService) {}

  @ApiOperation({ summary: 'Get a location' })
  @Get(':id')
  @ApiOkResponse({ description: 'The location with its path (ETag: its version)' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s scope' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<LocationView> {
    return this.locations.get(user, id);
  }

  @ApiOperation({ summary: 'Rename a location, or move it while it is empty' })
  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ description: 'The updated location' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateLocationDto,
  ): Promise<LocationView> {
    return this.locations.update(user, id, parseIfMatch(ifMatch), body);
  }

  @ApiOperation({ summary: 'Delete an empty location' })
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'manager')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s scope' })
  @ApiConflictResponse({ description: 'The location has child locations or assets' })
  async remove(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.locations.remove(user, id);
  }
}
