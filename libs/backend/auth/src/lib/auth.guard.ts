import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ForbiddenError,
  IS_PUBLIC,
  ROLES,
  UnauthenticatedError,
  type AuthUser,
  type Role,
  CLOCK,
  type Clock,
} from '@leitstand/backend/core';
import { AccessTokenService } from './access-token.service';
import { SessionLiveness } from './session-liveness';
import { readCookie, type CookieCarrier } from './auth-cookies';
import { ACCESS_COOKIE, CSRF_HEADER, CSRF_HEADER_VALUE } from './auth.constants';

export interface AuthRequest extends CookieCarrier {
  method: string;
  user?: AuthUser;
}

export interface Credential {
  token: string;
  source: 'bearer' | 'cookie';
}

const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The access token of a request: the `Authorization: Bearer` header first, else the `ls_access`
 * cookie. An Authorization header that is not a Bearer token is an error, never a cookie fallback.
 */
export function credentialOf(request: CookieCarrier): Credential | null {
  const header = request.headers['authorization'];
  if (typeof header === 'string') {
    const match = /^Bearer +([^\s]+) *$/i.exec(header);
    if (!match?.[1]) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
    return { token: match[1], source: 'bearer' };
  }
  const cookie = readCookie(request, ACCESS_COOKIE);
  return cookie ? { token: cookie, source: 'cookie' } : null;
}

/** True when a cookie-authenticated unsafe request lacks the CSRF header (`x-requested-with: leitstand`). */
export function failsCsrfCheck(request: CookieCarrier & { method: string }): boolean {
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return false;
  const header = request.headers[CSRF_HEADER];
  return (typeof header === 'string' ? header.toLowerCase() : '') !== CSRF_HEADER_VALUE;
}

/**
 * The global guard (registered as APP_GUARD by AuthModule): every route needs a valid access token
 * unless it is @Public(); @Roles(...) restricts it further (403). Puts the caller on `request.user`.
 * Cookie-authenticated POST/PUT/PATCH/DELETE must send `x-requested-with: leitstand` (403 otherwise);
 * Bearer requests are exempt — a cross-site page can neither read nor attach a bearer token.
 * The token's session must still be live (SessionLiveness: not revoked, user active; cached ≤ 2 s).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SessionLiveness) private readonly liveness: Pick<SessionLiveness, 'assertLive'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthRequest>();
    const credential = credentialOf(request);
    if (!credential) throw new UnauthenticatedError('Authentication required');
    const user = await this.tokens.verify(credential.token, this.clock.now());
    if (credential.source === 'cookie' && failsCsrfCheck(request)) {
      throw new ForbiddenError(
        `Cookie-authenticated ${request.method} requests must send ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}`,
      );
    }
    // A revoked session or deactivated user is refused within SESSION_LIVENESS_TTL_MS (one cached query).
    await this.liveness.assertLive(user);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenError(`This action needs the role ${roles.join(' or ')}`);
    }
    request.user = user;
    return true;
  }
}
