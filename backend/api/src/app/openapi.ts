import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** Security schemes every non-public operation accepts (either one). */
export const BEARER_SCHEME = 'bearer';
export const COOKIE_SCHEME = 'ls_access';
/** The scheme of GET /metrics: `Authorization: Bearer <METRICS_TOKEN>`. */
export const METRICS_SCHEME = 'metricsToken';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document of the API, as served at /api/docs/openapi.json and written by openapi.ts
 * (`npm run openapi:lint` lints it with Redocly's recommended rules at zero errors).
 *
 * Operations need a bearer access token or the `ls_access` session cookie unless they say otherwise
 * (`@Public()` documents `security: [{}]`); the global guard answers 401 to every such operation
 * without a valid session, so each of them documents its 401 here, once, instead of per route.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Leitstand API')
    .setDescription('Incident ticketing and SLA monitoring for technical facility services')
    .setVersion('0.1.0')
    .addServer('/', 'The host that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN of the environment (GET /metrics only)' },
      METRICS_SCHEME,
    )
    .addCookieAuth(COOKIE_SCHEME, { type: 'apiKey', in: 'cookie', name: COOKIE_SCHEME }, COOKIE_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .addSecurityRequirements(COOKIE_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const anonymous = operation.security?.some((requirement) => Object.keys(requirement).length === 0) ?? false;
      if (!anonymous && !operation.responses['401']) {
        operation.responses['401'] = { description: 'No valid access token or session cookie' };
      }
    }
  }
  return document;
}
