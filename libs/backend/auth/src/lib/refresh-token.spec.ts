import { readCookie, clearedSessionCookies, sessionCookies } from './auth-cookies';
import {
  hashRefreshToken,
  newRefreshToken,
  refreshTokenMatches,
  rotationKey,
  sessionIdOf,
  stepsBehind,
  successorOf,
} from './refresh-token';

const SID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('refresh tokens', () => {
  it('name their session and carry 32 random bytes', () => {
    const a = newRefreshToken(SID);
    const b = newRefreshToken(SID);
    expect(a).toMatch(new RegExp(`^${SID}\\.[A-Za-z0-9_-]{43}$`));
    expect(Buffer.from(a.split('.')[1] ?? '', 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(sessionIdOf(a)).toBe(SID);
  });

  it('refuse malformed tokens', () => {
    for (const bad of [
      '',
      'x',
      `${SID}`,
      `${SID}.`,
      `${SID}.short`,
      `not-a-uuid.${'a'.repeat(43)}`,
      `${SID.toUpperCase()}.${'a'.repeat(43)}`, // the session id as issued only
      `${SID}.${'a'.repeat(44)}`,
    ]) {
      expect(sessionIdOf(bad)).toBeNull();
    }
  });

  it('are stored as hex sha256 and compared against it', () => {
    const token = newRefreshToken(SID);
    const stored = hashRefreshToken(token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(refreshTokenMatches(token, stored)).toBe(true);
    expect(refreshTokenMatches(newRefreshToken(SID), stored)).toBe(false);
    expect(refreshTokenMatches(token, 'abc')).toBe(false);
  });
});

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Strict, scoped by path, Secure only when asked', () => {
    const [access, refresh] = sessionCookies({ accessToken: 'a.b.c', refreshToken: `${SID}.r` }, false);
    expect(access).toBe('ls_access=a.b.c; Path=/api; Max-Age=900; HttpOnly; SameSite=Strict');
    expect(refresh).toBe(`ls_refresh=${SID}.r; Path=/api/auth; Max-Age=604800; HttpOnly; SameSite=Strict`);
    expect(sessionCookies({ accessToken: 'a', refreshToken: 'r' }, true).every((c) => c.endsWith('; Secure'))).toBe(
      true,
    );
    expect(clearedSessionCookies(false)).toEqual([
      'ls_access=; Path=/api; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
      'ls_refresh=; Path=/api/auth; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
    ]);
  });

  it('are read from request.cookies or, without a cookie plugin (Express), from the Cookie header', () => {
    expect(readCookie({ headers: {}, cookies: { ls_access: 'parsed' } }, 'ls_access')).toBe('parsed');
    const header = { headers: { cookie: 'x_ls_access=no; ls_access=yes%20really; other="q"' } };
    expect(readCookie(header, 'ls_access')).toBe('yes really');
    expect(readCookie(header, 'other')).toBe('q');
    expect(readCookie(header, 'ls_refresh')).toBeUndefined();
    expect(readCookie({ headers: { cookie: 'ls_access=%E0%A4%A' } }, 'ls_access')).toBeUndefined();
    expect(readCookie({ headers: {} }, 'ls_access')).toBeUndefined();
  });

  it('rotate to a successor derived from the token: same session, well-formed, repeatable, keyed', () => {
    const key = rotationKey('a'.repeat(40));
    const t0 = newRefreshToken(SID);
    const t1 = successorOf(t0, key);
    expect(sessionIdOf(t1)).toBe(SID);
    expect(t1).not.toBe(t0);
    expect(successorOf(t0, key)).toBe(t1);
    expect(successorOf(t0, rotationKey('b'.repeat(40)))).not.toBe(t1);
    expect(successorOf(t1, key)).not.toBe(t1);
  });

  it('tell how many rotations back a genuine token lies, and a forged one from none', () => {
    const key = rotationKey('a'.repeat(40));
    const chain = [newRefreshToken(SID)];
    for (let i = 0; i < 5; i++) chain.push(successorOf(chain[chain.length - 1] ?? '', key));
    const current = hashRefreshToken(chain[5] ?? '');
    expect(chain.map((t) => stepsBehind(t, current, key, 5))).toEqual([5, 4, 3, 2, 1, 0]);
    // Beyond the walk a genuine token is not recognised (it then counts as a wrong secret).
    expect(stepsBehind(chain[0] ?? '', current, key, 4)).toBeNull();
    expect(stepsBehind(newRefreshToken(SID), current, key, 100)).toBeNull();
    // Another key (another deployment's secret) finds nothing either.
    expect(stepsBehind(chain[4] ?? '', current, rotationKey('b'.repeat(40)), 5)).toBeNull();
  });
});
