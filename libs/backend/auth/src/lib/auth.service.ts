import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { MeResponse, RefreshResponse, UserLanguage } from '@leitstand/api-contracts';
import type { Logger as PinoLogger } from 'pino';
import {
  APP_CONFIG,
  NotFoundError,
  ROOT_LOGGER,
  UnauthenticatedError,
  type AppConfig,
  type AuthUser,
} from '@leitstand/backend/core';
import { SessionEntity, UserEntity, UserTenantEntity } from '@leitstand/backend/data-access';
import { AccessTokenService } from './access-token.service';
import { SESSION_TTL_SECONDS } from './auth.constants';
import { PasswordHasher } from './password-hasher.service';
import { SessionLiveness } from './session-liveness';
import { SignInThrottle } from './sign-in-throttle';
import { hashRefreshToken, newRefreshToken, rotationKey, sessionIdOf, stepsBehind, successorOf } from './refresh-token';

/** One answer for unknown e-mail, wrong password and inactive user: nothing to tell them apart. */
export const BAD_CREDENTIALS = 'Invalid email or password';
export const SESSION_ENDED = 'Session expired or revoked';

export type IssuedTokens = RefreshResponse;

type RefreshOutcome = { ok: true; user: UserEntity; refreshToken: string; expiresAt: Date } | { ok: false };

/** What a logout by refresh token did: ended the session, found nothing to end, or refused a wrong secret. */
export type LogoutOutcome = 'ended' | 'nothing' | 'refused';

/** Who is asking, for security events (never a secret). */
export interface ClientInfo {
  ip?: string;
}

/** Older genuine tokens are recognised up to this many rotations back (see stepsBehind). */
const MAX_REUSE_WALK = 100;

/**
 * Sign-in, refresh-token rotation, logout and forced sign-out (see auth.constants.ts for the
 * design). Every method takes "now" from its caller.
 */
@Injectable()
export class AuthService {
  private readonly rotationKey: Buffer;
  private readonly graceMs: number;
  private readonly log: PinoLogger;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
    @Inject(SignInThrottle) private readonly throttle: SignInThrottle,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ROOT_LOGGER) logger: PinoLogger,
    @Inject(SessionLiveness) private readonly liveness: SessionLiveness,
  ) {
    this.rotationKey = rotationKey(config.auth.jwtSecret);
    this.graceMs = config.auth.refreshGraceMs;
    this.log = logger.child({ component: 'auth' });
  }

  /**
   * Signs in. The sign-in throttle (failures per e-mail and per client address, shared in Redis)
   * answers 429 before any password is checked while either is locked; a failure is counted for
   * both, a success forgets the e-mail's failures.
   */
  async login(email: string, password: string, now: Date, client: ClientInfo = {}): Promise<IssuedTokens> {
    await this.throttle.check(email, client.ip);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: email.trim().toLowerCase() } });
    // Unknown e-mail: verify against a dummy hash so the answer takes as long as a wrong password.
    const ok = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyDummy(password);
    if (!user || !ok || !user.active) {
      await this.throttle.recordFailure(email, client.ip);
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(email, client.ip);

    const sessionId = randomUUID();
    const refreshToken = newRefreshToken(sessionId);
    const expiresAt = sessionExpiry(now);
    await this.dataSource.getRepository(SessionEntity).insert({
      id: sessionId,
      userId: user.id,
      refreshTokenHash: hashRefreshToken(refreshToken),
      expiresAt,
      revokedAt: null,
    });
    return this.issue(this.dataSource.manager, user, sessionId, refreshToken, expiresAt, now);
  }

  /**
   * Rotates the refresh token and issues a new access token with the user's current role and tenant
   * scope. The session row is locked (SELECT … FOR UPDATE), so parallel refreshes on any number of
   * API processes are serialised by PostgreSQL:
   * - the current token rotates to its successor;
   * - the token rotated just before, within the grace window, yields that same successor again
   *   (the second of two tabs refreshing at once) and changes nothing;
   * - any other genuinely rotated token is reuse (token theft): the session ends;
   * - a secret that is no token of this session is a failed attempt (401, logged) and ends nothing.
   * An inactive user's session ends once the caller has proven the secret.
   */
  async refresh(refreshToken: string, now: Date, client: ClientInfo = {}): Promise<IssuedTokens> {
    const sessionId = sessionIdOf(refreshToken);
    if (!sessionId) throw new UnauthenticatedError('Invalid refresh token');
    // Throwing inside the transaction would roll back a revocation, so it answers an outcome.
    const outcome = await this.dataSource.transaction(async (m): Promise<RefreshOutcome> => {
      const session = await m.findOne(SessionEntity, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session || session.revokedAt || session.expiresAt.getTime() <= now.getTime()) return { ok: false };
      const proof = this.prove(refreshToken, session, now);
      if (proof === 'forged') {
        this.securityEvent(
          'auth.refresh.bad_secret',
          'refresh with a wrong secret for a live session',
          session,
          client,
        );
        return { ok: false };
      }
      if (proof === 'reused') {
        await m.update(SessionEntity, { id: sessionId }, { revokedAt: now });
        this.securityEvent('auth.refresh.reuse', 'rotated refresh token reused: session revoked', session, client);
        return { ok: false };
      }
      const user = await m.findOne(UserEntity, { where: { id: session.userId } });
      if (!user?.active) {
        await m.update(SessionEntity, { id: sessionId }, { revokedAt: now });
        return { ok: false };
      }
      const next = successorOf(refreshToken, this.rotationKey);
      if (proof === 'predecessor') return { ok: true, user, refreshToken: next, expiresAt: session.expiresAt };
      const expiresAt = sessionExpiry(now);
      await m.update(
        SessionEntity,
        { id: sessionId },
        { refreshTokenHash: hashRefreshToken(next), expiresAt, rotatedAt: now, generation: session.generation + 1 },
      );
      return { ok: true, user, refreshToken: next, expiresAt };
    });
    if (!outcome.ok) throw new UnauthenticatedError(SESSION_ENDED);
    return this.issue(this.dataSource.manager, outcome.user, sessionId, outcome.refreshToken, outcome.expiresAt, now);
  }

  /** Ends a session (idempotent); for callers already proven to own it (its access token) and admins. */
  async logout(sessionId: string, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: now });
    this.liveness.forgetSession(sessionId);
  }

  /**
   * Ends the session a refresh token names, if the token proves it: the current token (or its
   * predecessor within the grace window, which could fetch the current one) ends it; an older
   * rotated token is reuse and ends it by the same rule as refresh. A wrong secret for a live
   * session ends nothing and answers 'refused' (the caller answers 401). Malformed tokens and
   * unknown or already ended sessions answer 'nothing'.
   */
  async logoutByRefreshToken(refreshToken: string, now: Date, client: ClientInfo = {}): Promise<LogoutOutcome> {
    const sessionId = sessionIdOf(refreshToken);
    if (!sessionId) return 'nothing';
    return this.dataSource.transaction(async (m): Promise<LogoutOutcome> => {
      const session = await m.findOne(SessionEntity, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session || session.revokedAt || session.expiresAt.getTime() <= now.getTime()) return 'nothing';
      const proof = this.prove(refreshToken, session, now);
      if (proof === 'forged') {
        this.securityEvent('auth.logout.bad_secret', 'logout with a wrong secret for a live session', session, client);
        return 'refused';
      }
      if (proof === 'reused') {
        this.securityEvent('auth.refresh.reuse', 'rotated refresh token reused: session revoked', session, client);
      }
      await m.update(SessionEntity, { id: sessionId }, { revokedAt: now });
      this.liveness.forgetSession(sessionId);
      return 'ended';
    });
  }

  /** Forced sign-out of every session of a user (lost device, left the company). Answers how many ended. */
  async revokeUserSessions(userId: string, now: Date): Promise<number> {
    const exists = await this.dataSource.getRepository(UserEntity).exists({ where: { id: userId } });
    if (!exists) throw new NotFoundError('User', userId);
    const result = await this.dataSource
      .getRepository(SessionEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: now });
    this.liveness.forgetUser(userId);
    return result.affected ?? 0;
  }

  /** Which token of its session `token` is (see refresh-token.ts); the session row is locked. */
  private prove(token: string, session: SessionEntity, now: Date): 'current' | 'predecessor' | 'reused' | 'forged' {
    const steps = stepsBehind(
      token,
      session.refreshTokenHash,
      this.rotationKey,
      Math.min(session.generation, MAX_REUSE_WALK),
    );
    if (steps === null) return 'forged';
    if (steps === 0) return 'current';
    const inGrace =
      steps === 1 && session.rotatedAt !== null && now.getTime() - session.rotatedAt.getTime() <= this.graceMs;
    return inGrace ? 'predecessor' : 'reused';
  }

  /** A structured security event (pino, warn): what happened, to which session, from where. */
  private securityEvent(event: string, message: string, session: SessionEntity, client: ClientInfo): void {
    this.log.warn({ event, sessionId: session.id, userId: session.userId, ip: client.ip }, message);
  }

  private async issue(
    manager: EntityManager,
    user: UserEntity,
    sessionId: string,
    refreshToken: string,
    refreshExpiresAt: Date,
    now: Date,
  ): Promise<IssuedTokens> {
    const authUser: AuthUser = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      tenantId: user.tenantId,
      tenantIds: await tenantScopeOf(manager, user),
      sessionId,
    };
    const access = await this.tokens.sign(authUser, now);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      user: toMe(authUser, user.language),
    };
  }
}

/**
 * The tenant scope a user's tokens carry: admins and agents all tenants, managers and technicians
 * the tenants in user_tenants, customers their own tenant. Read at login and at every refresh.
 */
export async function tenantScopeOf(
  manager: EntityManager,
  user: Pick<UserEntity, 'id' | 'role' | 'tenantId'>,
): Promise<'all' | string[]> {
  switch (user.role) {
    case 'admin':
    case 'agent':
      return 'all';
    case 'customer':
      return user.tenantId ? [user.tenantId] : [];
    case 'manager':
    case 'technician': {
      const rows = await manager.find(UserTenantEntity, { where: { userId: user.id }, order: { tenantId: 'ASC' } });
      return rows.map((r) => r.tenantId);
    }
  }
}

export function toMe(user: AuthUser, language: UserLanguage = 'de'): MeResponse {
  return {
    language,
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    tenantId: user.tenantId,
    tenantIds: user.tenantIds === 'all' ? 'all' : [...user.tenantIds],
  };
}

function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
}
