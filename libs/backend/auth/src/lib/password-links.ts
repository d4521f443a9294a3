import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { PasswordLinkView } from '@leitstand/api-contracts';
import { PasswordTokenEntity, type PasswordTokenPurpose } from '@leitstand/backend/data-access';

/** A one-time password link is valid this long after it was issued. */
export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** The UI page that takes the token (the UI's origin comes in front). */
export const SET_PASSWORD_PATH = '/set-password';

/** A freshly issued link, before any channel has handled it. */
export interface PasswordLink {
  userId: string;
  email: string;
  displayName: string;
  purpose: PasswordTokenPurpose;
  token: string;
  path: string;
  expiresAt: Date;
}

/**
 * The seam through which a password link reaches its user. Today's channel only hands it back to the
 * caller (the admin sees it once and passes it on); e-mail delivery comes with the alerts issue as
 * another implementation of this interface.
 */
export interface PasswordLinkChannel {
  deliver(link: PasswordLink): Promise<PasswordLinkView>;
}

export const PASSWORD_LINK_CHANNEL = Symbol('PASSWORD_LINK_CHANNEL');

/** The current channel: the link goes back in the answer to the admin or manager who asked for it. */
@Injectable()
export class ReturnToCallerChannel implements PasswordLinkChannel {
  async deliver(link: PasswordLink): Promise<PasswordLinkView> {
    return {
      purpose: link.purpose,
      path: link.path,
      token: link.token,
      expiresAt: link.expiresAt.toISOString(),
      delivery: 'caller',
    };
  }
}

/** sha256 (hex) of a link's secret: the only form in which it is stored. */
export function hashPasswordToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Issues one-time password links (32 random bytes, base64url; stored hashed) and hands them to the channel. */
@Injectable()
export class PasswordLinks {
  constructor(@Inject(PASSWORD_LINK_CHANNEL) private readonly channel: PasswordLinkChannel) {}

  /**
   * A new link for `user`, written with `manager` (the caller's transaction, so a new user and their
   * link are written together). Older unused links of the user end now: only the newest one works.
   */
  async issue(
    manager: EntityManager,
    user: { id: string; email: string; displayName: string },
    purpose: PasswordTokenPurpose,
    createdBy: string | null,
    now: Date,
  ): Promise<PasswordLinkView> {
    await manager.update(
      PasswordTokenEntity,
      { userId: user.id, usedAt: IsNull(), expiresAt: MoreThan(now) },
      { expiresAt: now },
    );
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
    await manager.insert(PasswordTokenEntity, {
      userId: user.id,
      purpose,
      tokenHash: hashPasswordToken(token),
      expiresAt,
      usedAt: null,
      createdBy,
    });
    return this.channel.deliver({
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      purpose,
      token,
      path: `${SET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`,
      expiresAt,
    });
  }
}
