import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiResponse,
} from '@nestjs/swagger';

/** OpenAPI notes shared by the catalog's PATCH routes (optimistic locking). */
export function ApiVersionedPatch(): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'If-Match', required: true, description: 'The ETag ("<version>") of the last read' }),
    ApiBadRequestResponse({ description: 'Invalid body; `fields` names each invalid field' }),
    ApiForbiddenResponse({ description: 'The role may not change this' }),
    ApiNotFoundResponse({ description: 'Unknown id, or outside the caller’s tenants' }),
    ApiConflictResponse({ description: 'A unique value (code, key, slug) is taken' }),
    ApiResponse({ status: 412, description: 'If-Match names a stale version; nothing was written' }),
    ApiResponse({ status: 428, description: 'If-Match is missing' }),
  );
}

export function ApiCreate(): MethodDecorator {
  return applyDecorators(
    ApiBadRequestResponse({ description: 'Invalid body; `fields` names each invalid field' }),
    ApiForbiddenResponse({ description: 'The role may not create this' }),
  );
}
