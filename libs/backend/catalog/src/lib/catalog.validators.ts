import { ValidateBy, type ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';
import { Dec } from '@leitstand/domain';

/**
 * Small class-validator decorators for the catalog DTOs. Money and areas travel as decimal strings
 * (never JSON numbers); dates as local 'YYYY-MM-DD'; zones as IANA names the domain's luxon accepts.
 */

const LOCAL_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date 'YYYY-MM-DD' (2026-02-30 is rejected). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => isLocalDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date 'YYYY-MM-DD'`,
      },
    },
    options,
  );
}

export function isIanaTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => isIanaTimeZone(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an IANA time zone such as 'Europe/Berlin'`,
      },
    },
    options,
  );
}

/**
 * A non-negative decimal string that fits numeric(precision, scale): at most `precision - scale`
 * integer digits and `scale` fraction digits ("2360000.00", "41000", "0.5").
 */
export function isDecimalAmount(value: unknown, precision: number, scale: number): value is string {
  if (typeof value !== 'string') return false;
  return new RegExp(`^\\d{1,${precision - scale}}(\\.\\d{1,${scale}})?$`).test(value);
}

export function IsDecimalAmount(precision: number, scale: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimalAmount',
      constraints: [precision, scale],
      validator: {
        validate: (value: unknown) => isDecimalAmount(value, precision, scale),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a non-negative decimal string with at most ` +
          `${precision - scale} digits before and ${scale} after the point, e.g. "1234.50"`,
      },
    },
    options,
  );
}

/** A share in (0, 1] as a decimal string ("0.995"). */
export function isShare(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value) || value.length > 20) return false;
  const d = new Dec(value);
  return d.gt(0) && d.lte(1);
}

export function IsShare(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isShare',
      validator: {
        validate: (value: unknown) => isShare(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a share in (0, 1] as a decimal string, e.g. "0.995"`,
      },
    },
    options,
  );
}

/** A plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function IsPlainObject(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainObject',
      validator: {
        validate: (value: unknown) => isPlainObject(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an object`,
      },
    },
    options,
  );
}

/**
 * Free technical attributes of an asset: a JSON object of at most `maxKeys` string values; keys
 * 1–`keyMax` characters (not blank), values at most `valueMax` characters.
 */
export function assetAttributesProblem(
  value: unknown,
  maxKeys: number,
  keyMax: number,
  valueMax: number,
): string | null {
  if (!isPlainObject(value)) return 'must be an object of strings, e.g. {"Leistung": "11 kW"}';
  const entries = Object.entries(value);
  if (entries.length > maxKeys) return `must have at most ${maxKeys} keys`;
  for (const [key, v] of entries) {
    if (key.trim() === '' || [...key].length > keyMax) return `keys must be 1–${keyMax} characters`;
    if (typeof v !== 'string') return `the value of '${key.slice(0, 60)}' must be a string`;
    if ([...v].length > valueMax) return `the value of '${key.slice(0, 60)}' must be at most ${valueMax} characters`;
  }
  return null;
}

export function IsAssetAttributes(
  maxKeys: number,
  keyMax: number,
  valueMax: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAssetAttributes',
      validator: {
        validate: (value: unknown) => assetAttributesProblem(value, maxKeys, keyMax, valueMax) === null,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} ${assetAttributesProblem(args?.value, maxKeys, keyMax, valueMax) ?? 'is invalid'}`,
      },
    },
    options,
  );
}
