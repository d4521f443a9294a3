import type { RefreshResponse } from '@leitstand/api-contracts';
import {
  ACCESS_COOKIE,
  ACCESS_COOKIE_PATH,
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  SESSION_TTL_SECONDS,
} from './auth.constants';

/**
 * The session cookies, written and read without depending on the HTTP adapter: under Fastify
 * @fastify/cookie fills `request.cookies`; under Express (the adapter benchmark) the Cookie header
 * is parsed here, so cookie sign-in works on both.
 */
export interface CookieCarrier {
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
}

export function readCookie(request: CookieCarrier, name: string): string | undefined {
  const parsed = request.cookies?.[name];
  if (parsed !== undefined) return parsed;
  const header = request.headers['cookie'];
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function cookie(name: string, value: string, path: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${maxAgeSeconds}`,
    ...(maxAgeSeconds === 0 ? ['Expires=Thu, 01 Jan 1970 00:00:00 GMT'] : []),
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie values for a fresh access/refresh token pair (tokens are base64url/JWT: no encoding needed). */
export function sessionCookies(
  tokens: Pick<RefreshResponse, 'accessToken' | 'refreshToken'>,
  secure: boolean,
): string[] {
  return [
    cookie(ACCESS_COOKIE, tokens.accessToken, ACCESS_COOKIE_PATH, ACCESS_TOKEN_TTL_SECONDS, secure),
    cookie(REFRESH_COOKIE, tokens.refreshToken, REFRESH_COOKIE_PATH, SESSION_TTL_SECONDS, secure),
  ];
}

/** Set-Cookie values that delete both session cookies. */
export function clearedSessionCookies(secure: boolean): string[] {
  return [
    cookie(ACCESS_COOKIE, '', ACCESS_COOKIE_PATH, 0, secure),
    cookie(REFRESH_COOKIE, '', REFRESH_COOKIE_PATH, 0, secure),
  ];
}
