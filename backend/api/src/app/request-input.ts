import type { ApiFieldError } from '@leitstand/api-contracts';

/**
 * Checks of raw request input that run before validation and before anything recursive (class-
 * transformer, class-validator, the services, PostgreSQL) touches it: nesting depth, NUL characters
 * and the shape of a JSON body. All of them are iterative, so no input can exhaust the stack.
 */

/** The deepest nesting of objects and arrays a JSON body may have (the body itself is level 1). */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const COMMA = 0x2c; // ,
const COLON = 0x3a; // :

/**
 * Scans JSON text without parsing it and answers where it nests deeper than `maxDepth`: the
 * top-level property whose value is too deep (a free-form object field such as price-list `data`),
 * 'body' when the body itself is, or null when the text is within the limit. Text that is not valid
 * JSON is left to the parser (which rejects it).
 */
export function tooDeepJson(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  let escaped = false;
  // Top-level property tracking: at depth 1 inside an object, a string right after '{' or ',' is a key.
  let topIsObject = false;
  let expectingKey = false;
  let keyStart = -1;
  let topKey: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) {
        inString = false;
        if (keyStart >= 0) {
          topKey = keyOf(text.slice(keyStart, i + 1));
          keyStart = -1;
        }
      }
      continue;
    }
    if (c === QUOTE) {
      inString = true;
      if (depth === 1 && topIsObject && expectingKey) {
        keyStart = i;
        expectingKey = false;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth > maxDepth) return depth > 1 && topIsObject && topKey !== null ? topKey : 'body';
      if (depth === 1) {
        topIsObject = c === OPEN_OBJECT;
        expectingKey = topIsObject;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    } else if (depth === 1 && topIsObject) {
      if (c === COMMA) {
        expectingKey = true;
        topKey = null;
      } else if (c === COLON) {
        expectingKey = false;
      }
    }
  }
  return null;
}

function keyOf(literal: string): string {
  try {
    return String(JSON.parse(literal));
  } catch {
    return 'body';
  }
}

/** A JSON object (not null, not an array). */
/**
 * The top-level field of a parsed JSON object whose value carries a prototype-poisoning key (`__proto__`, or
 * `constructor` holding `prototype`), which Fastify's parser refuses; the key itself when it is top-level.
 * null when there is none. Depth is bounded by the caller's depth check (tooDeepJson) before parsing.
 */
export function poisonedField(value: Record<string, unknown>): string | null {
  for (const [key, inner] of Object.entries(value)) {
    if (key === '__proto__' || (key === 'constructor' && carriesPrototype(inner))) return key;
    if (containsPoison(inner)) return key;
  }
  return null;
}

function carriesPrototype(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'prototype');
}

function containsPoison(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsPoison);
  if (typeof value !== 'object' || value === null) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key === '__proto__' || (key === 'constructor' && carriesPrototype(inner))) return true;
    if (containsPoison(inner)) return true;
  }
  return false;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A lone UTF-16 surrogate: a string no UTF-8 text can hold. PostgreSQL rejects it in JSON
 * ('invalid input syntax for type json') and validators that encode URIs throw on it, so such a
 * string is bad input like NUL (a surrogate pair, e.g. an emoji, is one code point and fine).
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string (value or key) cannot be stored, or null when it can. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogate)';
  return null;
}

/** How a field is named in an error: printable, NUL and other control characters escaped. */
function fieldName(path: string, key: string | number): string {
  const name = typeof key === 'number' ? String(key) : JSON.stringify(key).slice(1, -1);
  return path ? `${path}.${name}` : name;
}

/**
 * Every NUL character and lone surrogate in the strings (values and keys) of `value`, and nesting deeper than
 * `maxDepth`, as field errors named like the validation pipe names fields (`data.items.0.name`).
 * `root` names the value itself ('body', or the query/path parameter). Iterative.
 */
export function inputFieldErrors(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): ApiFieldError[] {
  const errors: ApiFieldError[] = [];
  // `top`: the top-level property an entry lies in ('' for the root and everything in a root array).
  const stack: Array<{ value: unknown; path: string; depth: number; top: string }> = [
    { value, path: '', depth: 1, top: '' },
  ];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const { value: v, path, depth, top } = next;
    if (typeof v === 'string') {
      const problem = unstorable(v);
      if (problem !== null) {
        const field = path || root;
        errors.push({ field, messages: [`${field} ${problem}`] });
      }
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth > maxDepth) {
      const field = top || root;
      errors.push({ field, messages: [`${field} must not nest deeper than ${maxDepth} levels`] });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i], path: fieldName(path, i), depth: depth + 1, top });
      }
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const field = fieldName(path, key);
      const problem = unstorable(key);
      if (problem !== null) {
        errors.push({ field, messages: [`${field} ${problem} (in the key)`] });
        continue;
      }
      stack.push({ value: (v as Record<string, unknown>)[key], path: field, depth: depth + 1, top: top || field });
    }
  }
  return dedupe(errors);
}

function dedupe(errors: ApiFieldError[]): ApiFieldError[] {
  const byField = new Map<string, ApiFieldError>();
  for (const e of errors) if (!byField.has(e.field)) byField.set(e.field, e);
  return [...byField.values()];
}
