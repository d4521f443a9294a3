/**
 * Session design (issue 5) — why access JWT + rotating refresh token + HttpOnly cookies:
 *
 * - Access token: a short-lived (15 min) HS256 JWT signed with JWT_SECRET, carrying who the caller
 *   is (sub, role, email, name), their tenant scope and the session id (sid). The guard verifies it
 *   without a database round trip, which keeps ticket intake fast (≥ 1,000 req/s) and lets several
 *   API instances serve the same caller. Revocation (issue 14): the guard also asks PostgreSQL, at
 *   most every 2 s per session and process (SessionLiveness), whether the token's session is live,
 *   so a logout, deactivation, password change or change of role or tenant scope (which end the
 *   sessions) cuts the token within 2 s everywhere; the refresh re-reads the user and the session.
 * - Refresh token: opaque, `<sessionId>.<32 random bytes base64url>`; only its sha256 is stored
 *   (sessions.refresh_token_hash). Every refresh rotates it to a successor derived from it
 *   (HMAC, see refresh-token.ts); presenting a genuinely rotated token revokes the whole session:
 *   whoever stole a token and whoever still has the real one both lose it (theft detection). The
 *   token rotated last still yields the same successor for AUTH_REFRESH_GRACE_MS (5 s), so two
 *   tabs refreshing at once both stay signed in. A secret that is no token of the session (a
 *   forgery for a known sid) ends nothing: 401, logged. Sessions end only by proof of the current
 *   refresh token, by the signed-in user's access token, or by an admin. Sessions slide: each
 *   refresh extends them by 7 days of inactivity.
 * - Transport: browsers get both tokens as HttpOnly, SameSite=Strict cookies (`ls_access` on
 *   /api, `ls_refresh` only on /api/auth), so page scripts never see them and the SSE stream
 *   (EventSource cannot send headers) authenticates by cookie. API clients, tests and benchmarks
 *   use `Authorization: Bearer` and the refresh token from the body. Cookie-authenticated unsafe
 *   requests must carry `x-requested-with: leitstand` (CSRF defence in depth on top of
 *   SameSite=Strict: a cross-site form cannot set that header); Bearer requests are exempt.
 */
export const ACCESS_COOKIE = 'ls_access';
export const REFRESH_COOKIE = 'ls_refresh';
export const ACCESS_COOKIE_PATH = '/api';
export const REFRESH_COOKIE_PATH = '/api/auth';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

export const JWT_ISSUER = 'leitstand';
export const JWT_AUDIENCE = 'leitstand-api';

/** Header (and its required value) that cookie-authenticated POST/PUT/PATCH/DELETE must carry. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'leitstand';
