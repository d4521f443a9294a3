const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a UUID in its canonical text form: 8-4-4-4-12 hex digits, either case (RFC 9562 reads
 * both), nothing around it. The one UUID check of the backend: an id from a path, query or body that
 * is no UUID is an unknown id (404) or bad input (400), never a database error.
 */
export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
