import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type FastifyInstance = ReturnType<ReturnType<NestFastifyApplication['getHttpAdapter']>['getInstance']>;

/**
 * The Content-Security-Policy of the app (UI, API answers, errors): everything from this origin only,
 * no inline or foreign scripts, no framing (frame-ancestors 'none' also covers clickjacking in
 * browsers that ignore X-Frame-Options), no plugins, forms and <base> only to this origin.
 *
 * style-src allows 'unsafe-inline' because Angular adds every component's styles as <style>
 * elements at run time (and CDK overlays, Material and ECharts set style attributes); a style cannot
 * run script, so the script policy stays strict. The build does not inline critical CSS
 * (`inlineCritical: false` in frontend/helpdesk/project.json): that inliner loads the stylesheet
 * with an inline `onload` handler, which script-src 'self' blocks. Swagger UI at /api/docs runs under
 * the same policy: its page loads its scripts (swagger-ui-init.js included) from files.
 */
export function appCsp(production: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(production ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Security headers on every answer (JSON, the UI's files, errors, 404s) through @fastify/helmet:
 * the CSP above, X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
 * X-Frame-Options: DENY, Cross-Origin-Opener/Resource-Policy: same-origin; HSTS (one year, with
 * subdomains) only when NODE_ENV=production, where TLS ends in front of the API.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, production: boolean): Promise<void> {
  const helmet = (await import('@fastify/helmet')).default;
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: appCsp(production) },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
