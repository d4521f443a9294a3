import { Body, Controller, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CLOCK, CurrentUser, type AuthUser, type Clock } from '@leitstand/backend/core';
import { ACCESS_COOKIE, AccountService, ChangePasswordDto, UpdateAccountDto } from '@leitstand/backend/auth';
import { AUTH_RATE_LIMITED } from './auth-rate-limit';

/**
 * The signed-in user's own account: password and language. Signing out everywhere is
 * `DELETE /api/auth/users/{own id}/sessions`.
 */
@ApiTags('account')
@ApiBearerAuth()
@ApiCookieAuth(ACCESS_COOKIE)
@Controller('account')
export class AccountController {
  constructor(
    @Inject(AccountService) private readonly account: AccountService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Patch()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the own UI language (returned by /auth/me from now on)' })
  @ApiNoContentResponse({ description: 'Stored' })
  @ApiBadRequestResponse({ description: 'language is not de or en' })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  async update(@CurrentUser() user: AuthUser, @Body() body: UpdateAccountDto): Promise<void> {
    await this.account.setLanguage(user, body.language);
  }

  @Post('password')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMITED)
  @ApiOperation({ summary: 'Change the own password; every other session of the user ends' })
  @ApiNoContentResponse({ description: 'Changed; this session stays signed in' })
  @ApiBadRequestResponse({
    description:
      'currentPassword wrong (code current_password_wrong) or newPassword refused (codes password_too_short, password_too_long, password_common, password_contains_identity)',
  })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.account.changePassword(user, body.currentPassword, body.newPassword, this.clock.now());
  }
}
