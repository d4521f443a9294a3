import { COMMON_PASSWORDS } from './common-passwords';

/** The shortest password accepted (NIST SP 800-63B asks for ≥ 8; we ask for 12 and no composition rules). */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords are refused before hashing (argon2 would hash a megabyte just as well, but slowly). */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Why a password is refused. The API answers these as the error `code` (400, field `password`); the UI
 * translates them (`account.error.<code>`).
 */
export const PASSWORD_PROBLEMS = [
  'password_too_short',
  'password_too_long',
  'password_common',
  'password_contains_identity',
] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** Who the password is for: it must not be (or be built from) their e-mail address or name. */
export interface PasswordOwner {
  email: string;
  displayName: string;
}

/**
 * The password rule, pure: at least 12 characters (counted as code points, so "ä" is one), at most 256,
 * not on the list of common passwords (case-insensitive, also with digits or punctuation appended, e.g.
 * "Passwort2026!"), and not the owner's e-mail address, its local part or their name (case-insensitive,
 * ignoring spaces). Answers the first problem found, or null when the password is acceptable.
 */
export function checkPassword(password: string, owner: PasswordOwner): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  const folded = fold(password);
  if (isCommon(folded)) return 'password_common';
  if (containsIdentity(folded, owner)) return 'password_contains_identity';
  return null;
}

function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function isCommon(folded: string): boolean {
  if (COMMON_PASSWORDS.has(folded)) return true;
  // A common word with digits or punctuation before or after it ("!!passwort2026", "sommer2026!") is as guessable.
  const core = folded.replace(/^[\p{N}\p{P}\p{S}]+/u, '').replace(/[\p{N}\p{P}\p{S}]+$/u, '');
  return core.length > 0 && core !== folded && COMMON_PASSWORDS.has(core);
}

function containsIdentity(folded: string, owner: PasswordOwner): boolean {
  const email = fold(owner.email);
  const local = email.split('@')[0] ?? '';
  const name = fold(owner.displayName);
  const candidates = [email, name, ...(local.length >= 4 ? [local] : [])].filter((c) => c.length > 0);
  const core = folded.replace(/^[\p{N}\p{P}\p{S}]+/u, '').replace(/[\p{N}\p{P}\p{S}]+$/u, '');
  return candidates.some((c) => folded === c || core === c);
}
