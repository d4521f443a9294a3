import type { DataSource } from 'typeorm';
import type { PasswordLinkView } from '@leitstand/api-contracts';
import { ConflictError, InvalidInputError } from '@leitstand/backend/core';
import { UserEntity } from '@leitstand/backend/data-access';
import { PasswordLinks, ReturnToCallerChannel } from './password-links';
import { UNSET_PASSWORD_HASH } from './password-hasher.service';

export interface FirstAdminInput {
  email: string;
  displayName: string;
  language?: 'de' | 'en';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What `npm run create-admin` does: creates an admin without a usable password and answers a one-time
 * set-password link (24 h). Refuses (ConflictError) when the e-mail address exists, whatever its role,
 * so a repeated run never takes over an account.
 */
export async function createAdminWithLink(
  dataSource: DataSource,
  input: FirstAdminInput,
  now: Date,
): Promise<{ userId: string; link: PasswordLinkView }> {
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  if (!EMAIL.test(email) || email.length > 254) throw InvalidInputError.of('email', 'email must be an e-mail address');
  if (displayName === '' || displayName.length > 200) {
    throw InvalidInputError.of('name', 'name must be 1–200 characters');
  }
  const links = new PasswordLinks(new ReturnToCallerChannel());
  return dataSource.transaction(async (m) => {
    // Serialises concurrent runs for the same address; the unique index is the last word anyway.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`create-admin:${email}`]);
    if (await m.exists(UserEntity, { where: { email } })) {
      throw new ConflictError(`a user with e-mail '${email}' exists already`, { field: 'email', code: 'email_taken' });
    }
    const inserted = await m.insert(UserEntity, {
      email,
      displayName,
      role: 'admin',
      tenantId: null,
      passwordHash: UNSET_PASSWORD_HASH,
      active: true,
      language: input.language ?? 'de',
    });
    const userId = String((inserted.identifiers[0] as { id: string }).id);
    const link = await links.issue(m, { id: userId, email, displayName }, 'set', null, now);
    return { userId, link };
  });
}
