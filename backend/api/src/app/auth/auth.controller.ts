import { RouteConfig } from '@nestjs/platform-fastify';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type {
  LoginResponse,
  MeResponse,
  RefreshResponse,
  RevokeSessionsResponse,
  SetPasswordResponse,
} from '@leitstand/api-contracts';
import {
  APP_CONFIG,
  CurrentUser,
  ForbiddenError,
  Public,
  UnauthenticatedError,
  type AppConfig,
  type AuthUser,
  CLOCK,
  type Clock,
} from '@leitstand/backend/core';
import {
  ACCESS_COOKIE,
  AccessTokenService,
  AccountService,
  AuthService,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  LoginDto,
  REFRESH_COOKIE,
  RefreshTokenDto,
  SetPasswordDto,
  UserIdParamsDto,
  clearedSessionCookies,
  credentialOf,
  failsCsrfCheck,
  readCookie,
  sessionCookies,
  toMe,
  type AuthRequest,
  type ClientInfo,
  type Credential,
} from '@leitstand/backend/auth';
import { AUTH_RATE_LIMITED } from './auth-rate-limit';

/** Fastify's reply and Express' response both have `header(name, value)`. */
interface ReplyLike {
  header(name: string, value: string | string[]): unknown;
}

/** Fastify and Express both expose the client address (behind a proxy: from X-Forwarded-For). */
interface ClientRequest extends AuthRequest {
  ip?: string;
}

const clientOf = (request: ClientRequest): ClientInfo => ({ ip: request.ip });

const RETRY_AFTER = {
  'Retry-After': { description: 'seconds until the next attempt may succeed', schema: { type: 'integer' as const } },
};

const BAD_REFRESH_SECRET = 'Refresh token does not match the session';

const CSRF_MESSAGE = `Cookie-authenticated requests must send ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}`;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly secureCookies: boolean;

  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(AccountService) private readonly account: AccountService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secureCookies = config.env === 'production';
  }

  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @Public()
  @Post('login')
  @RouteConfig(AUTH_RATE_LIMITED)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Signed in: tokens in the body and as HttpOnly cookies (ls_access, ls_refresh)' })
  @ApiBadRequestResponse({ description: 'Invalid body; `fields` names each invalid field' })
  @ApiUnauthorizedResponse({ description: 'Unknown e-mail, wrong password or inactive user (one answer for all)' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many failed sign-ins for this e-mail or from this address: locked (exponential backoff, the right password too); or too many sign-in requests from this address (AUTH_REQUESTS_PER_MINUTE_PER_IP); see Retry-After',
    headers: RETRY_AFTER,
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: ClientRequest,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<LoginResponse> {
    const issued = await this.auth.login(body.email, body.password, this.clock.now(), clientOf(request));
    this.sendCookies(reply, sessionCookies(issued, this.secureCookies));
    return issued;
  }

  @Public()
  @ApiOperation({ summary: 'Rotate the refresh token for a new access token' })
  @Post('refresh')
  @RouteConfig(AUTH_RATE_LIMITED)
  @ApiTooManyRequestsResponse({
    description: 'Too many requests from this address (AUTH_REQUESTS_PER_MINUTE_PER_IP); see Retry-After',
    headers: RETRY_AFTER,
  })
  @HttpCode(200)
  @ApiOkResponse({ description: 'New access token; the refresh token is rotated (body and cookie)' })
  @ApiUnauthorizedResponse({
    description:
      'Missing, expired, revoked, forged or reused refresh token (reuse of a rotated token ends the session, except the one rotated within the grace window, which yields the same successor; a wrong secret ends nothing)',
  })
  @ApiForbiddenResponse({ description: 'Cookie refresh without x-requested-with: leitstand' })
  async refresh(
    @Body() body: RefreshTokenDto,
    @Req() request: ClientRequest,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<RefreshResponse> {
    const fromCookie = body.refreshToken === undefined;
    const token = body.refreshToken ?? readCookie(request, REFRESH_COOKIE);
    if (!token) throw new UnauthenticatedError('Refresh token required');
    if (fromCookie && failsCsrfCheck(request)) throw new ForbiddenError(CSRF_MESSAGE);
    try {
      const issued = await this.auth.refresh(token, this.clock.now(), clientOf(request));
      this.sendCookies(reply, sessionCookies(issued, this.secureCookies));
      return issued;
    } catch (error) {
      if (fromCookie) this.sendCookies(reply, clearedSessionCookies(this.secureCookies));
      throw error;
    }
  }

  @ApiOperation({ summary: 'Sign out: end the session' })
  @Public()
  @Post('logout')
  @RouteConfig(AUTH_RATE_LIMITED)
  @ApiTooManyRequestsResponse({
    description: 'Too many requests from this address (AUTH_REQUESTS_PER_MINUTE_PER_IP); see Retry-After',
    headers: RETRY_AFTER,
  })
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The session is revoked and both cookies are cleared (idempotent: unknown, ended or malformed tokens end nothing)',
  })
  @ApiUnauthorizedResponse({
    description: 'The refresh token names a live session but its secret is wrong: nothing ends (a failed attempt)',
  })
  @ApiForbiddenResponse({ description: 'Cookie logout without x-requested-with: leitstand' })
  async logout(
    @Body() body: RefreshTokenDto,
    @Req() request: ClientRequest,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<void> {
    const now = this.clock.now();
    const client = clientOf(request);
    if (body.refreshToken !== undefined) {
      await this.logoutByRefreshToken(body.refreshToken, now, client);
    } else {
      let credential: Credential | null;
      try {
        credential = credentialOf(request);
      } catch {
        credential = null;
      }
      if (credential?.source === 'bearer') {
        await this.logoutByAccessToken(credential.token, now);
      } else {
        const refreshCookie = readCookie(request, REFRESH_COOKIE);
        if ((refreshCookie || credential) && failsCsrfCheck(request)) throw new ForbiddenError(CSRF_MESSAGE);
        // The signed-in user (a valid access cookie) ends their session even if the refresh cookie is off.
        const ended = credential ? await this.logoutByAccessToken(credential.token, now) : false;
        if (refreshCookie && !ended) {
          try {
            await this.logoutByRefreshToken(refreshCookie, now, client);
          } catch (error) {
            this.sendCookies(reply, clearedSessionCookies(this.secureCookies));
            throw error;
          }
        }
      }
    }
    this.sendCookies(reply, clearedSessionCookies(this.secureCookies));
  }

  @ApiOperation({ summary: 'The signed-in caller' })
  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth(ACCESS_COOKIE)
  @ApiOkResponse({ description: 'The signed-in caller with role and tenant scope' })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return toMe(user, await this.account.language(user.id));
  }

  @ApiOperation({ summary: 'Set a password from a one-time link (set or reset); then sign in' })
  @Public()
  @Post('set-password')
  @RouteConfig(AUTH_RATE_LIMITED)
  @HttpCode(200)
  @ApiOkResponse({
    description: '{ email }: the password is set, the link is used up, every session of the user ended',
  })
  @ApiBadRequestResponse({
    description:
      '`fields` names `token` (codes password_token_unknown, password_token_used, password_token_expired) or `password` (codes password_too_short, password_too_long, password_common, password_contains_identity; the link stays usable)',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many requests from this address (AUTH_REQUESTS_PER_MINUTE_PER_IP); see Retry-After',
    headers: RETRY_AFTER,
  })
  setPassword(@Body() body: SetPasswordDto): Promise<SetPasswordResponse> {
    return this.account.setPasswordWithToken(body.token, body.password, this.clock.now());
  }

  @ApiOperation({
    summary: 'End every session of a user: forced sign-out (admins), or "sign out everywhere" (the user themselves)',
  })
  @Delete('users/:userId/sessions')
  @ApiBearerAuth()
  @ApiOkResponse({
    description: 'Every session of the user is revoked: refresh fails at once, access tokens within 2 s',
  })
  @ApiBadRequestResponse({ description: 'userId is not a UUID' })
  @ApiForbiddenResponse({ description: 'Only admins, or the user themselves' })
  @ApiNotFoundResponse({ description: 'Unknown user' })
  async revokeUserSessions(
    @CurrentUser() caller: AuthUser,
    @Param() params: UserIdParamsDto,
  ): Promise<RevokeSessionsResponse> {
    if (caller.role !== 'admin' && caller.id !== params.userId) {
      throw new ForbiddenError('only admins may end the sessions of another user');
    }
    return { revokedSessions: await this.auth.revokeUserSessions(params.userId, this.clock.now()) };
  }

  /** An expired or invalid access token ends nothing (its session then ends by expiry). Answers whether it was valid. */
  private async logoutByAccessToken(token: string, now: Date): Promise<boolean> {
    const user = await this.tokens.verify(token, now).catch(() => null);
    if (user) await this.auth.logout(user.sessionId, now);
    return user !== null;
  }

  /** A wrong secret for a live session is a failed attempt: 401, and the session lives on. */
  private async logoutByRefreshToken(token: string, now: Date, client: ClientInfo): Promise<void> {
    if ((await this.auth.logoutByRefreshToken(token, now, client)) === 'refused') {
      throw new UnauthenticatedError(BAD_REFRESH_SECRET);
    }
  }

  private sendCookies(reply: ReplyLike, cookies: string[]): void {
    reply.header('cache-control', 'no-store');
    reply.header('set-cookie', cookies);
  }
}
