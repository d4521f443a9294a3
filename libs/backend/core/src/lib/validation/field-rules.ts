import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

/**
 * What `null` means in a request DTO, written on every optional field (class-validator's
 * `@IsOptional()` is banned by lint: it lets `null` skip every check, so `{"priority": null}` passed
 * validation and reached the services).
 *
 * - `@IsOptionalNotNull()`: the field may be left out; `null` is validated like any value and
 *   therefore fails the field's type check (400 naming the field) — the same answer as any other
 *   wrong value, and never a way around a rule that an absent field triggers.
 * - `@NullableField(doc)`: `null` is a meaningful value — "none" on create, "clear" on update — and
 *   skips the other checks. The decorator documents the field in OpenAPI with its real type
 *   (`type` is required: a `string | null` property would otherwise be documented as an object)
 *   and `nullable: true`.
 */
export function IsOptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/** The OpenAPI description of a nullable field: its real type is required. */
export type NullableFieldDoc = Omit<ApiPropertyOptions, 'nullable' | 'required' | 'type'> & {
  type: NonNullable<ApiPropertyOptions['type']>;
};

export function NullableField(doc: NullableFieldDoc, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...doc, nullable: true } as ApiPropertyOptions),
    ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null, options),
  );
}

/**
 * An instant: ISO-8601 date, time and an explicit offset ("2026-10-12T06:00:00Z", "…+02:00"), on a
 * real calendar date. A time without a zone ("2026-12-01T10:00:00") is rejected: it is ambiguous
 * across DST and between the client's and the site's zone.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => isIsoInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 instant with offset, e.g. '2026-10-12T06:00:00Z'`,
      },
    },
    options,
  );
}
