import { COMMON_PASSWORDS } from './common-passwords';
import { PASSWORD_MIN_LENGTH, checkPassword } from './password-policy';

const owner = { email: 'paula.pumpe@stadtwerke.example', displayName: 'Paula Pumpe' };

describe('checkPassword', () => {
  it('accepts a long passphrase that is on no list', () => {
    expect(checkPassword('Kessel-Ventil-Morgenrot', owner)).toBeNull();
    expect(checkPassword('x7#Lk9!pQ2@m', owner)).toBeNull();
  });

  it('refuses fewer than 12 characters, counting code points (ä is one)', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(checkPassword('Kessel-Vent', owner)).toBe('password_too_short');
    expect(checkPassword('Kessel-Venti', owner)).toBeNull();
    expect(checkPassword('äöüäöüäöüäö', owner)).toBe('password_too_short');
    expect(checkPassword('äöüäöüäöüäöß', owner)).toBeNull();
    expect(checkPassword('', owner)).toBe('password_too_short');
  });

  it('refuses more than 256 characters', () => {
    expect(checkPassword('a'.repeat(256).replace(/^a/, 'B'), owner)).toBeNull();
    expect(checkPassword('ab'.repeat(129), owner)).toBe('password_too_long');
  });

  it('refuses common passwords case-insensitively, also with digits or punctuation around them', () => {
    expect(checkPassword('123456789012', owner)).toBe('password_common');
    expect(checkPassword('QWERTZUIOP12', owner)).toBe('password_common');
    expect(checkPassword('Passwort2026!', owner)).toBe('password_common');
    expect(checkPassword('!!Leitstand123', owner)).toBe('password_common');
    expect(checkPassword('Fußball-2026!', owner)).toBe('password_common');
    expect(checkPassword('P@ssw0rd2026', owner)).toBe('password_common');
  });

  it('refuses the e-mail address, its local part and the name, ignoring case and spaces', () => {
    expect(checkPassword('Paula.Pumpe@Stadtwerke.example', owner)).toBe('password_contains_identity');
    expect(checkPassword('paula.pumpe2026', owner)).toBe('password_contains_identity');
    expect(checkPassword('PAULA PUMPE 1!', owner)).toBe('password_contains_identity');
    expect(checkPassword('paulapumpe!!!', owner)).toBe('password_contains_identity');
  });

  it('ships a list of a few hundred lower-case entries', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(300);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});
