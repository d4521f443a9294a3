import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnauthenticatedError, type AuthUser } from '@leitstand/backend/core';

/**
 * How long one process trusts that a session is live (not revoked, its user active) before it asks
 * PostgreSQL again. This bounds how long an access token outlives a deactivation, a forced sign-out,
 * "sign out everywhere" or a password change on every API process — without any message between the
 * processes (PostgreSQL is the one truth). The process that revoked forgets its own entries at once.
 */
export const SESSION_LIVENESS_TTL_MS = 2000;
/** Sessions remembered per process; the oldest entry makes room when full. */
export const SESSION_LIVENESS_CACHE_SIZE = 10_000;

export const SESSION_ENDED_MESSAGE = 'Session ended';

/**
 * The guard's second check after the token's signature: is the token's session still live? One
 * indexed query per session and process every SESSION_LIVENESS_TTL_MS at most (a client sends the
 * same token for up to 15 minutes, so this costs little next to a request), so a revoked session's
 * access token stops working within that time instead of at its expiry.
 */
@Injectable()
export class SessionLiveness {
  private readonly checked = new Map<string, { userId: string; live: boolean; atMs: number }>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** UnauthenticatedError unless the caller's session is live. `nowMs` is wall-clock time (the cache's). */
  async assertLive(user: AuthUser, nowMs: number = Date.now()): Promise<void> {
    const hit = this.checked.get(user.sessionId);
    if (hit && nowMs - hit.atMs < SESSION_LIVENESS_TTL_MS && nowMs >= hit.atMs) {
      if (!hit.live) throw new UnauthenticatedError(SESSION_ENDED_MESSAGE);
      return;
    }
    const rows = (await this.dataSource.query(
      `SELECT (s.revoked_at IS NULL AND u.active) AS live
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2`,
      [user.sessionId, user.id],
    )) as Array<{ live: boolean }>;
    const live = rows[0]?.live === true;
    this.checked.delete(user.sessionId);
    if (this.checked.size >= SESSION_LIVENESS_CACHE_SIZE) {
      const oldest = this.checked.keys().next().value;
      if (oldest !== undefined) this.checked.delete(oldest);
    }
    this.checked.set(user.sessionId, { userId: user.id, live, atMs: nowMs });
    if (!live) throw new UnauthenticatedError(SESSION_ENDED_MESSAGE);
  }

  /** Drops what this process remembers of a session, so its next request is checked at once. */
  forgetSession(sessionId: string): void {
    this.checked.delete(sessionId);
  }

  /** Drops what this process remembers of every session of a user. */
  forgetUser(userId: string): void {
    for (const [sessionId, entry] of this.checked) if (entry.userId === userId) this.checked.delete(sessionId);
  }
}
