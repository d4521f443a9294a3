import { createHmac } from 'node:crypto';
import type { AuthUser } from '@leitstand/backend/core';
import { AccessTokenService } from './access-token.service';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const T0 = new Date('2026-03-29T00:59:30.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

const manager: AuthUser = {
  id: '5b0b2c1e-7d0f-4c57-9a3b-0f5e4c1d2a10',
  email: 'manager@example.test',
  displayName: 'Objekt Managerin',
  role: 'manager',
  tenantId: null,
  tenantIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
  sessionId: '9f9f9f9f-0000-4000-8000-000000000001',
};

const service = (secret = SECRET): AccessTokenService => new AccessTokenService({ auth: { jwtSecret: secret } });

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

/** Re-signs a changed payload with the real secret (to test claim checks, not the signature). */
function resign(token: string, change: Record<string, unknown>, secret = SECRET): string {
  const [header] = token.split('.');
  const body = Buffer.from(JSON.stringify({ ...payloadOf(token), ...change })).toString('base64url');
  const sig = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${sig}`;
}

async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string; status: number }> {
  try {
    await p;
  } catch (error) {
    return error as { name: string; message: string; status: number };
  }
  throw new Error('expected a rejection');
}

describe('AccessTokenService', () => {
  it('signs the documented claims and verifies back to the same caller', async () => {
    const { token, expiresAt } = await service().sign(manager, T0);
    expect(expiresAt.toISOString()).toBe('2026-03-29T01:14:30.000Z'); // T0 + 15 min
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(payloadOf(token)).toEqual({
      sub: manager.id,
      sid: manager.sessionId,
      role: 'manager',
      email: manager.email,
      name: manager.displayName,
      tid: null,
      tenants: manager.tenantIds,
      iss: 'leitstand',
      aud: 'leitstand-api',
      iat: T0.getTime() / 1000,
      exp: T0.getTime() / 1000 + 900,
    });
    expect(await service().verify(token, at(60))).toEqual(manager);
  });

  it("carries 'all' for admins and the own tenant for customers", async () => {
    const admin: AuthUser = { ...manager, role: 'admin', tenantIds: 'all' };
    const customer: AuthUser = { ...manager, role: 'customer', tenantId: 'aaaa', tenantIds: ['aaaa'] };
    for (const user of [admin, customer]) {
      const { token } = await service().sign(user, T0);
      expect(await service().verify(token, T0)).toEqual(user);
    }
  });

  it('accepts a token until its expiry second and rejects it from then on (injected clock)', async () => {
    const { token } = await service().sign(manager, T0);
    await expect(service().verify(token, at(899))).resolves.toMatchObject({ id: manager.id });
    const expired = await rejection(service().verify(token, at(900)));
    expect(expired).toMatchObject({ name: 'UnauthenticatedError', status: 401, message: 'Access token expired' });
    await expect(service().verify(token, at(3600))).rejects.toMatchObject({ status: 401 });
  });

  it('rejects a token signed with another secret', async () => {
    const { token } = await service('another-secret-another-secret-another-secret').sign(manager, T0);
    await expect(service().verify(token, T0)).rejects.toMatchObject({ status: 401, message: 'Invalid access token' });
  });

  it('rejects a tampered payload and a tampered signature', async () => {
    const { token } = await service().sign({ ...manager, role: 'customer', tenantIds: ['x'] }, T0);
    const [h, , s] = token.split('.');
    const escalated = Buffer.from(JSON.stringify({ ...payloadOf(token), role: 'admin', tenants: 'all' })).toString(
      'base64url',
    );
    await expect(service().verify(`${h}.${escalated}.${s}`, T0)).rejects.toMatchObject({ status: 401 });
    const flipped = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(service().verify(flipped, T0)).rejects.toMatchObject({ status: 401 });
  });

  it('rejects a wrong audience or issuer even when correctly signed', async () => {
    const { token } = await service().sign(manager, T0);
    await expect(service().verify(resign(token, { aud: 'leitstand-worker' }), T0)).rejects.toMatchObject({
      status: 401,
    });
    await expect(service().verify(resign(token, { iss: 'someone' }), T0)).rejects.toMatchObject({ status: 401 });
    // Control: re-signing without a change is still valid, so the rejections come from the claims.
    await expect(service().verify(resign(token, {}), T0)).resolves.toEqual(manager);
  });

  it('rejects alg "none", garbage and claims of the wrong shape', async () => {
    const { token } = await service().sign(manager, T0);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${token.split('.')[1]}.`;
    const cases = [
      none,
      'garbage',
      '',
      resign(token, { role: 'root' }),
      resign(token, { tenants: 'some' }),
      resign(token, { tenants: [1, 2] }),
      resign(token, { sid: undefined }),
      resign(token, { sub: undefined }),
      resign(token, { tid: 7 }),
    ];
    for (const bad of cases) {
      await expect(service().verify(bad, T0)).rejects.toMatchObject({ name: 'UnauthenticatedError', status: 401 });
    }
  });

  it('rejects a token used before it was issued', async () => {
    const { token } = await service().sign(manager, T0);
    await expect(service().verify(resign(token, { nbf: T0.getTime() / 1000 + 60 }), T0)).rejects.toMatchObject({
      status: 401,
    });
  });

  it('remembers a verified token without extending it: one instance still expires it on the second', async () => {
    const tokens = service();
    const { token } = await tokens.sign(manager, T0);
    await expect(tokens.verify(token, at(1))).resolves.toMatchObject({ id: manager.id, role: 'manager' });
    await expect(tokens.verify(token, at(899))).resolves.toMatchObject({ id: manager.id });
    await expect(tokens.verify(token, at(900))).rejects.toMatchObject({ status: 401, message: 'Access token expired' });
    await expect(tokens.verify(token, at(901))).rejects.toMatchObject({ status: 401 });
  });

  it('does not let a remembered token vouch for a tampered copy or a not-yet-valid one', async () => {
    const tokens = service();
    const { token } = await tokens.sign(manager, T0);
    await tokens.verify(token, T0);
    const [h, , s] = token.split('.');
    const escalated = Buffer.from(JSON.stringify({ ...payloadOf(token), role: 'admin', tenants: 'all' })).toString(
      'base64url',
    );
    await expect(tokens.verify(`${h}.${escalated}.${s}`, T0)).rejects.toMatchObject({ status: 401 });
    const later = resign(token, { nbf: T0.getTime() / 1000 + 60 });
    await expect(tokens.verify(later, at(61))).resolves.toMatchObject({ id: manager.id });
    await expect(tokens.verify(later, at(30))).rejects.toMatchObject({ status: 401, message: 'Invalid access token' });
  });
});
