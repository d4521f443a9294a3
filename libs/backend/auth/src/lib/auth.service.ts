import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { MeResponse, RefreshResponse } from '@leitstand/api-contracts';
import { NotFoundError, UnauthenticatedError, type AuthUser } from '@leitstand/backend/core';
import { SessionEntity, UserEntity, UserTenantEntity } from '@leitstand/backend/data-access';
import { AccessTokenService } from './access-token.service';
import { SESSION_TTL_SECONDS } from './auth.constants';
import { PasswordHasher } from './password-hasher.service';
import { hashRefreshToken, newRefreshToken, refreshTokenMatches, sessionIdOf } from './refresh-token';

/** One answer for unknown e-mail, wrong password and inactive user: nothing to tell them apart. */
export const BAD_CREDENTIALS = 'Invalid email or password';
export const SESSION_ENDED = 'Session expired or revoked';

export type IssuedTokens = RefreshResponse;

type RefreshOutcome = { ok: true; user: UserEntity; refreshToken: string; expiresAt: Date } | { ok: false };

/**
 * Sign-in, refresh-token rotation, logout and forced sign-out (see auth.constants.ts for the
 * design). Every method takes "now" from its caller.
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
  ) {}

  async login(email: string, password: string, now: Date): Promise<IssuedTokens> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: email.trim().toLowerCase() } });
    // Unknown e-mail: verify against a dummy hash so the answer takes as long as a wrong password.
    const ok = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyDummy(password);
    if (!user || !ok || !user.active) throw new UnauthenticatedError(BAD_CREDENTIALS);

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
   * scope. A rotated (reused) token revokes the session; an inactive user's session is revoked too.
   */
  async refresh(refreshToken: string, now: Date): Promise<IssuedTokens> {
    const sessionId = sessionIdOf(refreshToken);
    if (!sessionId) throw new UnauthenticatedError('Invalid refresh token');
    // Throwing inside the transaction would roll back a revocation, so it answers an outcome.
    const outcome = await this.dataSource.transaction(async (m): Promise<RefreshOutcome> => {
      const session = await m.findOne(SessionEntity, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session || session.revokedAt || session.expiresAt.getTime() <= now.getTime()) return { ok: false };
      const user = await m.findOne(UserEntity, { where: { id: session.userId } });
      if (!refreshTokenMatches(refreshToken, session.refreshTokenHash) || !user?.active) {
        await m.update(SessionEntity, { id: sessionId }, { revokedAt: now });
        return { ok: false };
      }
      const next = newRefreshToken(sessionId);
      const expiresAt = sessionExpiry(now);
      await m.update(SessionEntity, { id: sessionId }, { refreshTokenHash: hashRefreshToken(next), expiresAt });
      return { ok: true, user, refreshToken: next, expiresAt };
    });
    if (!outcome.ok) throw new UnauthenticatedError(SESSION_ENDED);
    return this.issue(this.dataSource.manager, outcome.user, sessionId, outcome.refreshToken, outcome.expiresAt, now);
  }

  /** Ends a session (idempotent). */
  async logout(sessionId: string, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: now });
  }

  /**
   * Ends the session a refresh token names. A current token proves the session; an already rotated
   * one is a reuse and ends it by the same rule as refresh. Malformed or unknown tokens end nothing.
   */
  async logoutByRefreshToken(refreshToken: string, now: Date): Promise<void> {
    const sessionId = sessionIdOf(refreshToken);
    if (sessionId) await this.logout(sessionId, now);
  }

  /** Forced sign-out of every session of a user (lost device, left the company). Answers how many ended. */
  async revokeUserSessions(userId: string, now: Date): Promise<number> {
    const exists = await this.dataSource.getRepository(UserEntity).exists({ where: { id: userId } });
    if (!exists) throw new NotFoundError('User', userId);
    const result = await this.dataSource
      .getRepository(SessionEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: now });
    return result.affected ?? 0;
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
      user: toMe(authUser),
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

export function toMe(user: AuthUser): MeResponse {
  return {
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
