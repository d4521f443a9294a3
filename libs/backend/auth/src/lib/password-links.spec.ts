import { createHash } from 'node:crypto';
import { PASSWORD_LINK_TTL_MS, ReturnToCallerChannel, SET_PASSWORD_PATH, hashPasswordToken } from './password-links';
import { assertAcceptablePassword } from './password-rule';

describe('password links', () => {
  it('stores only the sha256 (hex) of the secret', () => {
    const token = 'q9Zb0n1mR2dG0bY8kQ7xjH1tWc3VbA5nLr4sPz6eY0E';
    expect(hashPasswordToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashPasswordToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPasswordToken(token)).not.toBe(hashPasswordToken(`${token}x`));
  });

  it('is valid for 24 hours and points at the UI page', () => {
    expect(PASSWORD_LINK_TTL_MS).toBe(86_400_000);
    expect(SET_PASSWORD_PATH).toBe('/set-password');
  });

  it('today hands the link back to the caller only', async () => {
    const expiresAt = new Date('2026-12-08T09:00:00.000Z');
    const view = await new ReturnToCallerChannel().deliver({
      userId: 'u1',
      email: 'a@b.de',
      displayName: 'A',
      purpose: 'set',
      token: 'tok',
      path: '/set-password?token=tok',
      expiresAt,
    });
    expect(view).toEqual({
      purpose: 'set',
      path: '/set-password?token=tok',
      token: 'tok',
      expiresAt: '2026-12-08T09:00:00.000Z',
      delivery: 'caller',
    });
  });
});

describe('assertAcceptablePassword', () => {
  const owner = { email: 'otto@example.test', displayName: 'Otto Ohm' };

  it('answers 400 naming the field with the domain rule’s code', () => {
    const refusal = (password: string, field?: string): unknown => {
      try {
        assertAcceptablePassword(password, owner, field);
        return null;
      } catch (error) {
        const e = error as { status: number; fields: unknown };
        return { status: e.status, fields: e.fields };
      }
    };
    expect(refusal('Kessel-Ventil-Morgenrot')).toBeNull();
    expect(refusal('hallo123')).toMatchObject({
      status: 400,
      fields: [{ field: 'password', code: 'password_too_short' }],
    });
    expect(refusal('Hallo1234567!', 'newPassword')).toMatchObject({
      status: 400,
      fields: [{ field: 'newPassword', code: 'password_common' }],
    });
  });
});
