import { InvalidInputError } from '@leitstand/backend/core';
import { PASSWORD_MIN_LENGTH, checkPassword, type PasswordOwner, type PasswordProblem } from '@leitstand/domain';

const MESSAGES: Readonly<Record<PasswordProblem, string>> = {
  password_too_short: `password must have at least ${PASSWORD_MIN_LENGTH} characters`,
  password_too_long: 'password must have at most 256 characters',
  password_common: 'password is too common (on the list of common passwords)',
  password_contains_identity: 'password must not be the e-mail address or the name',
};

/** 400 naming `field` with the problem's code (e.g. `password_common`) unless the domain rule accepts the password. */
export function assertAcceptablePassword(password: string, owner: PasswordOwner, field = 'password'): void {
  const problem = checkPassword(password, owner);
  if (problem) throw InvalidInputError.of(field, MESSAGES[problem], problem);
}
