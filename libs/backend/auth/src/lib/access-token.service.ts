import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { APP_CONFIG, UnauthenticatedError, type AppConfig, type AuthUser, type Role } from '@leitstand/backend/core';
import { ACCESS_TOKEN_TTL_SECONDS, JWT_AUDIENCE, JWT_ISSUER } from './auth.constants';

const ROLE_SET: ReadonlySet<string> = new Set<Role>(['admin', 'agent', 'technician', 'manager', 'customer']);

interface AccessClaims extends JWTPayload {
  sid: string;
  role: Role;
  email: string;
  name: string;
  /** A customer's own tenant, null for staff. */
  tid: string | null;
  /** Tenant scope. */
  tenants: 'all' | string[];
}

/** Verified tokens remembered per process (a token is verified once, not on every request). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

/**
 * Signs and verifies access tokens (HS256 JWT, 15 minutes; see auth.constants.ts for the design).
 * "Now" is always a parameter, so expiry is testable with any clock.
 */
@Injectable()
export class AccessTokenService {
  /** Imported once: jose would otherwise import the raw secret on every sign and verify. */
  private readonly key: Promise<CryptoKey>;
  /**
   * Tokens whose signature and claims were verified, with their caller and expiry. Only verified
   * tokens get in (a forged token is never a key here), expiry is still checked on every use, and
   * the oldest entry makes room when full. HMAC verification through WebCrypto costs far more than a
   * map lookup, and a client sends the same token for up to 15 minutes.
   */
  private readonly verified = new Map<string, { user: AuthUser; notBeforeMs: number; expiresAtMs: number }>();

  constructor(@Inject(APP_CONFIG) config: { auth: Pick<AppConfig['auth'], 'jwtSecret'> }) {
    this.key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(config.auth.jwtSecret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
  }

  async sign(user: AuthUser, now: Date): Promise<SignedAccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const exp = issuedAt + ACCESS_TOKEN_TTL_SECONDS;
    const claims: Omit<AccessClaims, keyof JWTPayload> & JWTPayload = {
      sid: user.sessionId,
      role: user.role,
      email: user.email,
      name: user.displayName,
      tid: user.tenantId,
      tenants: user.tenantIds === 'all' ? 'all' : [...user.tenantIds],
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(exp)
      .sign(await this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The caller named by a valid token; UnauthenticatedError for anything else. */
  async verify(token: string, now: Date): Promise<AuthUser> {
    const hit = this.verified.get(token);
    if (hit) {
      if (now.getTime() < hit.notBeforeMs) throw new UnauthenticatedError('Invalid access token');
      if (now.getTime() < hit.expiresAtMs) return hit.user;
      this.verified.delete(token);
      throw new UnauthenticatedError('Access token expired');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Access token expired');
      throw new UnauthenticatedError('Invalid access token');
    }
    const user = toAuthUser(payload);
    if (!user || typeof payload.exp !== 'number') throw new UnauthenticatedError('Invalid access token');
    if (this.verified.size >= VERIFIED_TOKEN_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    const notBeforeMs = typeof payload.nbf === 'number' ? payload.nbf * 1000 : 0;
    this.verified.set(token, { user, notBeforeMs, expiresAtMs: payload.exp * 1000 });
    return user;
  }
}

function toAuthUser(p: JWTPayload): AuthUser | null {
  const { sub, sid, role, email, name, tid, tenants } = p as Partial<AccessClaims>;
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof email !== 'string' || typeof name !== 'string') {
    return null;
  }
  if (typeof role !== 'string' || !ROLE_SET.has(role)) return null;
  if (tid !== null && typeof tid !== 'string') return null;
  const scopeOk = tenants === 'all' || (Array.isArray(tenants) && tenants.every((t) => typeof t === 'string'));
  if (!scopeOk) return null;
  return {
    id: sub,
    email,
    displayName: name,
    role,
    tenantId: tid,
    tenantIds: tenants === 'all' ? 'all' : Object.freeze([...tenants]),
    sessionId: sid,
  };
}
