import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@leitstand/backend/core';

/**
 * Refresh tokens are `<sessionId>.<32 bytes, base64url>`. The sign-in token's secret is random;
 * every rotation derives the successor as HMAC-SHA256(rotation key, token), so
 * - a just-rotated token yields the same successor again (two tabs refreshing at once both get it,
 *   on any API process, with nothing but the hash stored), and
 * - a token that leads to the current one in k ≥ 1 steps is a genuine, rotated token (only holders
 *   of a real token can compute that chain, and only with the server's key): presenting it is reuse
 *   (token theft), while a secret that leads nowhere is a forgery and proves nothing.
 * The session id lets a refresh find its session. Only the sha256 (hex) of the whole token is stored.
 */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(32).toString('base64url')}`;
}

/** The session id of a well-formed refresh token, else null. */
export function sessionIdOf(token: string): string | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const sessionId = token.slice(0, dot);
  // the session id as issued (lower case): a token is compared as a whole, so no other spelling is valid
  return isUuid(sessionId) && sessionId === sessionId.toLowerCase() && SECRET.test(token.slice(dot + 1))
    ? sessionId
    : null;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of the stored hash with the hash of the presented token. */
export function refreshTokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashRefreshToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The HMAC key of token rotation, derived from the signing secret (never the secret itself). */
export function rotationKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('leitstand refresh-token rotation v1').digest();
}

/** The token that replaces `token` at its rotation (same session, derived secret). */
export function successorOf(token: string, key: Buffer): string {
  const sessionId = token.slice(0, token.indexOf('.'));
  return `${sessionId}.${createHmac('sha256', key).update(token).digest('base64url')}`;
}

/**
 * How far back a presented token lies on its session's chain: 0 = the current token, k = rotated
 * k times since, null = not on the chain within `maxSteps` (forged, or older than the walk). The walk
 * costs at most `maxSteps` HMACs (microseconds each).
 */
export function stepsBehind(token: string, currentHash: string, key: Buffer, maxSteps: number): number | null {
  let candidate = token;
  for (let steps = 0; steps <= maxSteps; steps++) {
    if (refreshTokenMatches(candidate, currentHash)) return steps;
    candidate = successorOf(candidate, key);
  }
  return null;
}
