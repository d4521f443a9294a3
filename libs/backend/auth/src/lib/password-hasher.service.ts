import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id password hashes (the argon2 package's defaults: 64 MiB, t=3, p=4 — the same parameters
 * the demo seeds and test fixtures use). For unknown e-mail addresses the login verifies against a
 * dummy hash of the same cost, so "no such user" and "wrong password" take comparable time.
 */
/**
 * The password hash of a user who has not set a password yet (a new user before their link): no
 * argon2 hash, so nothing verifies against it; verify() still spends a verification's time on it.
 */
export const UNSET_PASSWORD_HASH = '!unset';

@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    if (passwordHash === UNSET_PASSWORD_HASH) return this.verifyDummy(password);
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash never signs anybody in.
      return false;
    }
  }

  /** Spends the time of one verification and answers false. */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(16).toString('base64url'));
    await this.verify(await this.dummy, password);
    return false;
  }
}
