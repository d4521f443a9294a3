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
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  CreateUserResponse,
  PasswordLinkView,
  UserAdminListResponse,
  UserAdminView,
} from '@leitstand/api-contracts';
import { CLOCK, CurrentUser, Roles, type AuthUser, type Clock } from '@leitstand/backend/core';
import {
  ACCESS_COOKIE,
  CreateUserDto,
  UpdateUserDto,
  UserAdminListQueryDto,
  UserAdminService,
  UserIdParamsDto,
} from '@leitstand/backend/auth';
import { parseIfMatch } from '@leitstand/backend/catalog';
import { ApiVersionedPatch } from '../catalog/catalog-http.docs';
import { EtagInterceptor } from '../catalog/etag.interceptor';

const SCOPE_NOTE =
  'Admins: every user. Managers: only technicians and customers whose tenants all lie in their scope; ' +
  'other users are unknown to them (404), other roles 403, tenants outside their scope 404.';

@ApiTags('user administration')
@ApiBearerAuth()
@ApiCookieAuth(ACCESS_COOKIE)
@Controller('admin/users')
@Roles('admin', 'manager')
@UseInterceptors(EtagInterceptor)
export class UserAdminController {
  constructor(
    @Inject(UserAdminService) private readonly users: UserAdminService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List users for administration', description: SCOPE_NOTE })
  @ApiOkResponse({ description: 'UserAdminView[] sorted by display name (active and inactive unless filtered)' })
  @ApiBadRequestResponse({ description: 'Invalid filter; `fields` names the field' })
  @ApiForbiddenResponse({ description: 'Not an admin or manager' })
  @ApiNotFoundResponse({ description: 'tenantId unknown or outside the caller’s scope' })
  list(@CurrentUser() user: AuthUser, @Query() query: UserAdminListQueryDto): Promise<UserAdminListResponse> {
    return this.users.list(user, {
      role: query.role,
      tenantId: query.tenantId,
      active: query.active === undefined ? undefined : query.active === 'true',
    });
  }

  @Get(':userId')
  @ApiOperation({ summary: 'Get a user for administration', description: SCOPE_NOTE })
  @ApiOkResponse({ description: 'The user (ETag: its version)' })
  @ApiForbiddenResponse({ description: 'Not an admin or manager' })
  @ApiNotFoundResponse({ description: 'Unknown, or not managed by the caller' })
  get(@CurrentUser() user: AuthUser, @Param() params: UserIdParamsDto): Promise<UserAdminView> {
    return this.users.get(user, params.userId);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a user; answers a one-time set-password link (24 h, single use), shown once',
    description: SCOPE_NOTE,
  })
  @ApiCreatedResponse({ description: '{ user, passwordLink }: the link is returned to the caller only' })
  @ApiBadRequestResponse({ description: 'Invalid body or a field that does not fit the role; `fields` names each' })
  @ApiForbiddenResponse({ description: 'The caller may not create this role' })
  @ApiNotFoundResponse({ description: 'A tenant is unknown or outside the caller’s scope' })
  @ApiConflictResponse({ description: 'The e-mail address is taken (details.code: email_taken)' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateUserDto): Promise<CreateUserResponse> {
    return this.users.create(user, body, this.clock.now());
  }

  @Patch(':userId')
  @ApiOperation({
    summary: 'Change, deactivate or reactivate a user',
    description: `${SCOPE_NOTE} Deactivating, or changing the role or tenant scope, ends every session of the user at once.`,
  })
  @ApiOkResponse({ description: 'The updated user' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: UserIdParamsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateUserDto,
  ): Promise<UserAdminView> {
    return this.users.update(user, params.userId, parseIfMatch(ifMatch), body, this.clock.now());
  }

  @Post(':userId/password-link')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue a one-time reset-password link (24 h, single use); older unused links end',
    description: SCOPE_NOTE,
  })
  @ApiCreatedResponse({ description: 'The link, returned to the caller only' })
  @ApiForbiddenResponse({ description: 'Not an admin or manager' })
  @ApiNotFoundResponse({ description: 'Unknown, or not managed by the caller' })
  @ApiConflictResponse({ description: 'The user is deactivated (details.code: user_inactive)' })
  resetLink(@CurrentUser() user: AuthUser, @Param() params: UserIdParamsDto): Promise<PasswordLinkView> {
    return this.users.issueResetLink(user, params.userId, this.clock.now());
  }
}
