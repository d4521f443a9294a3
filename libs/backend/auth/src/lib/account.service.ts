import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import type { SetPasswordResponse, UserLanguage } from '@leitstand/api-contracts';
import { InvalidInputError, NotFoundError, type AuthUser } from '@leitstand/backend/core';
import { PasswordTokenEntity, SessionEntity, UserEntity } from '@leitstand/backend/data-access';
import { hashPasswordToken } from './password-links';
import { PasswordHasher } from './password-hasher.service';
import { assertAcceptablePassword } from './password-rule';
import { SessionLiveness } from './session-liveness';

/** base64url of 32 bytes: anything else cannot be a token and is not looked up. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A user's own account: setting the password from a one-time link (public), changing it (needs the
 * current one; ends every other session), the UI language, and signing out everywhere. Every method
 * takes "now" from its caller.
 */
@Injectable()
export class AccountService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
    @Inject(SessionLiveness) private readonly liveness: SessionLiveness,
  ) {}

  /**
   * Sets the password from a link's token. The token row is locked, so a link works exactly once even
   * when two tabs submit it at once. Unknown, used and expired tokens answer 400 on `token` with the
   * codes `password_token_unknown|used|expired`; a password the rule refuses answers 400 on `password`
   * and leaves the link usable. Success ends every session of the user (a reset after a lost device).
   */
  async setPasswordWithToken(token: string, password: string, now: Date): Promise<SetPasswordResponse> {
    if (!TOKEN_PATTERN.test(token)) throw unknownToken();
    const result = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(PasswordTokenEntity, {
        where: { tokenHash: hashPasswordToken(token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw unknownToken();
      if (row.usedAt) throw InvalidInputError.of('token', 'this link was used already', 'password_token_used');
      if (row.expiresAt.getTime() <= now.getTime()) {
        throw InvalidInputError.of('token', 'this link has expired; ask for a new one', 'password_token_expired');
      }
      const user = await m.findOne(UserEntity, { where: { id: row.userId } });
      if (!user?.active) throw unknownToken();
      assertAcceptablePassword(password, user);
      const passwordHash = await this.passwords.hash(password);
      await setPasswordHash(m, user.id, passwordHash);
      await m.update(PasswordTokenEntity, { id: row.id }, { usedAt: now });
      await m.update(SessionEntity, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
      return { userId: user.id, email: user.email };
    });
    this.liveness.forgetUser(result.userId);
    return { email: result.email };
  }

  /** Changes the caller's password; 400 `current_password_wrong` on `currentPassword`. Ends every other session. */
  async changePassword(caller: AuthUser, currentPassword: string, newPassword: string, now: Date): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: caller.id } });
    if (!user) throw new NotFoundError('User', caller.id);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw InvalidInputError.of('currentPassword', 'the current password is wrong', 'current_password_wrong');
    }
    assertAcceptablePassword(newPassword, user, 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (m) => {
      await setPasswordHash(m, user.id, passwordHash);
      await m.update(
        SessionEntity,
        { userId: user.id, revokedAt: IsNull(), id: Not(caller.sessionId) },
        { revokedAt: now },
      );
    });
    this.liveness.forgetUser(user.id);
  }

  async language(userId: string): Promise<UserLanguage> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, select: { id: true, language: true } });
    return user?.language ?? 'de';
  }

  async setLanguage(caller: AuthUser, language: UserLanguage): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id: caller.id }, { language });
  }

  /** Ends every session of the caller, this one included. Answers how many ended. */
  async signOutEverywhere(caller: AuthUser, now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(SessionEntity)
      .update({ userId: caller.id, revokedAt: IsNull() }, { revokedAt: now });
    this.liveness.forgetUser(caller.id);
    return result.affected ?? 0;
  }
}

/** The password is no administrative field: writing it leaves `version` alone, so an admin's open edit stays valid. */
async function setPasswordHash(m: EntityManager, userId: string, passwordHash: string): Promise<void> {
  await m.query(`UPDATE users SET password_hash = $1 WHERE id = $2`, [passwordHash, userId]);
}

function unknownToken(): InvalidInputError {
  return InvalidInputError.of('token', 'this link is not valid', 'password_token_unknown');
}
