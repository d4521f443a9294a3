import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { UserSummary } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { ACCESS_COOKIE, UserListQueryDto, UsersService } from '@leitstand/backend/auth';

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth(ACCESS_COOKIE)
@Controller('users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Roles('admin', 'agent', 'manager', 'technician')
  @ApiOperation({
    summary: 'Active users for dispatch and assignment pickers, sorted by display name',
    description:
      'Each item is { id, displayName, email, role } (never a password hash). `role=technician&tenantId=…` lists ' +
      'the technicians a ticket of that tenant can be dispatched to. A manager sees only users serving tenants ' +
      'of their own scope. A technician may ask only `role=technician&tenantId=<a tenant they serve>` (the ' +
      'colleagues a work log can name).',
  })
  @ApiOkResponse({ description: 'UserSummary[] sorted by displayName' })
  @ApiBadRequestResponse({ description: 'Unknown role or tenantId not a UUID; `fields` names the field' })
  @ApiForbiddenResponse({ description: 'Customers; technicians asking for anything but the technicians of a tenant' })
  @ApiNotFoundResponse({ description: "Unknown tenant, or a tenant outside the caller's scope" })
  list(@CurrentUser() user: AuthUser, @Query() query: UserListQueryDto): Promise<UserSummary[]> {
    return this.users.list(user, { role: query.role, tenantId: query.tenantId });
  }
}
