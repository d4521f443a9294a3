import { Dec, isDecimalString } from './decimal';

/**
 * Shared toolkit for parsing JSON data files (price lists, contract calculations) into typed domain
 * values. It never stops at the first problem: every issue is collected with its JSON path
 * (`material.overheadTiers[7].fromPrice`) and an optional hint that says how to fix it, so an
 * import can report everything at once.
 */
export interface DataIssue {
  /** JSON path of the offending value, e.g. `roles[2].hourlyRate`; '' for the document itself. */
  readonly path: string;
  /** What is wrong, in plain words. */
  readonly message: string;
  /** How to fix it, when there is an obvious fix. */
  readonly hint?: string;
}

/** Base class of the typed "data file is invalid" errors; lists every issue with its path. */
export abstract class DataValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly issues: readonly DataIssue[],
  ) {
    super(
      `${subject} is invalid (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}):\n` +
        issues.map((i) => `- ${i.path || '(root)'}: ${i.message}${i.hint ? ` — fix: ${i.hint}` : ''}`).join('\n'),
    );
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${base}[${key}]`;
  }
  return base ? `${base}.${key}` : key;
}

export interface DecimalRule {
  readonly min?: Dec;
  readonly max?: Dec;
  readonly integer?: boolean;
  /** Human description of the expected value used in messages, e.g. 'a non-negative amount'. */
  readonly expect?: string;
}

/** Collects issues while reading an untyped JSON value. */
export class IssueCollector {
  readonly issues: DataIssue[] = [];

  add(path: string, message: string, hint?: string): void {
    this.issues.push(hint === undefined ? { path, message } : { path, message, hint });
  }

  object(value: unknown, path: string): JsonObject | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, `expected an object, got ${describe(value)}`);
      return undefined;
    }
    return value as JsonObject;
  }

  array(value: unknown, path: string, opts: { nonEmpty?: boolean } = {}): readonly unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.add(path, `expected an array, got ${describe(value)}`);
      return undefined;
    }
    if (opts.nonEmpty === true && value.length === 0) {
      this.add(path, 'must not be empty');
    }
    return value;
  }

  string(value: unknown, path: string, opts: { pattern?: RegExp; expect?: string } = {}): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, `expected a non-empty string, got ${describe(value)}`);
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      this.add(path, `'${value}' is not ${opts.expect ?? `in the form ${opts.pattern.source}`}`);
      return undefined;
    }
    return value;
  }

  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value !== 'boolean') {
      this.add(path, `expected true or false, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  integer(value: unknown, path: string, opts: { min?: number; max?: number } = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, `expected a whole number, got ${describe(value)}`);
      return undefined;
    }
    if (opts.min !== undefined && value < opts.min) {
      this.add(path, `must be at least ${opts.min}, got ${value}`);
      return undefined;
    }
    if (opts.max !== undefined && value > opts.max) {
      this.add(path, `must be at most ${opts.max}, got ${value}`);
      return undefined;
    }
    return value;
  }

  /** A decimal written as a STRING ("82.50"). JSON numbers are rejected on purpose: money never travels as a float. */
  decimal(value: unknown, path: string, rule: DecimalRule = {}): Dec | undefined {
    if (!isDecimalString(value)) {
      const got = typeof value === 'number' ? `the JSON number ${String(value)}` : describe(value);
      this.add(
        path,
        `expected a decimal string such as "82.50", got ${got}`,
        typeof value === 'number' ? `write it as a string: "${String(value)}"` : undefined,
      );
      return undefined;
    }
    const d = new Dec(value);
    if (rule.integer === true && !d.isInteger()) {
      this.add(path, `must be a whole number, got ${value}`);
      return undefined;
    }
    if (rule.min !== undefined && d.lt(rule.min)) {
      this.add(path, `${rule.expect ?? `must be at least ${rule.min.toString()}`}, got ${value}`);
      return undefined;
    }
    if (rule.max !== undefined && d.gt(rule.max)) {
      this.add(path, `${rule.expect ?? `must be at most ${rule.max.toString()}`}, got ${value}`);
      return undefined;
    }
    return d;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.add(path, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
      return undefined;
    }
    return value as T;
  }

  /** Reports keys that the schema does not know (typos such as `hourlyRates`). */
  noUnknownKeys(obj: JsonObject, path: string, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        this.add(joinPath(path, key), `unknown field '${key}' (known: ${known.join(', ')})`);
      }
    }
  }

  uniqueIds(items: readonly { id: string; path: string }[], what: string): void {
    const seen = new Map<string, string>();
    for (const item of items) {
      const first = seen.get(item.id);
      if (first !== undefined) {
        this.add(item.path, `duplicate ${what} id '${item.id}' (already used at ${first})`);
      } else {
        seen.set(item.id, item.path);
      }
    }
  }
}

export function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing (missing)';
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return `${typeof value} ${String(value)}`;
}

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const LOCAL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
