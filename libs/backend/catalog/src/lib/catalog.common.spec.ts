import { InvalidInputError, PreconditionFailedError, type AuthUser, isUuid } from '@leitstand/backend/core';
import {
  PreconditionRequiredError,
  assertRole,
  assertVersion,
  etagOf,
  isUniqueViolation,
  parseIfMatch,
} from './catalog.common';
import { containsPattern, decodeAssetCursor, encodeAssetCursor } from './assets.service';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    [' "4" ', 4],
  ])('reads %s as version %d', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('refuses a PATCH without If-Match (428)', () => {
    expect(() => parseIfMatch(undefined)).toThrow(PreconditionRequiredError);
    expect(() => parseIfMatch('  ')).toThrow(PreconditionRequiredError);
  });

  it.each(['*', '"abc"', '"1", "2"', '-1', '1.5'])('answers 400 naming If-Match for %s', (header) => {
    try {
      parseIfMatch(header);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).fields[0]?.field).toBe('If-Match');
    }
  });

  it('writes the version as a strong entity tag and rejects a stale one with 412', () => {
    expect(etagOf(5)).toBe('"5"');
    expect(() => assertVersion(5, 5)).not.toThrow();
    expect(() => assertVersion(4, 5)).toThrow(PreconditionFailedError);
  });
});

describe('helpers', () => {
  it('recognises UUIDs only', () => {
    expect(isUuid('6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f60')).toBe(true);
    expect(isUuid('42')).toBe(false);
    expect(isUuid("' OR 1=1 --")).toBe(false);
  });

  it('checks roles', () => {
    const user = { role: 'customer' } as AuthUser;
    expect(() => assertRole(user, ['admin', 'manager'])).toThrow('role customer');
    expect(() => assertRole({ ...user, role: 'manager' }, ['admin', 'manager'])).not.toThrow();
  });

  it('recognises unique violations of one constraint', () => {
    expect(isUniqueViolation({ driverError: { code: '23505', constraint: 'uq_x' } }, 'uq_x')).toBe(true);
    expect(isUniqueViolation({ code: '23505', constraint: 'uq_y' }, 'uq_x')).toBe(false);
    expect(isUniqueViolation(new Error('x'), 'uq_x')).toBe(false);
  });

  it('round-trips asset cursors and rejects foreign ones naming cursor', () => {
    const id = '6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f60';
    expect(decodeAssetCursor(encodeAssetCursor('code', 'AZ-03', id), 'code')).toEqual({ value: 'AZ-03', id });
    expect(decodeAssetCursor(encodeAssetCursor('name', 'Aufzug', id), 'name')).toEqual({ value: 'Aufzug', id });
    for (const bad of [
      '%%%',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["a","b"]').toString('base64url'),
      Buffer.from(`["code","x","${id}",1]`).toString('base64url'),
      // A cursor of another sort order would skip or repeat rows.
      encodeAssetCursor('name', 'Aufzug', id),
    ]) {
      expect(() => decodeAssetCursor(bad, 'code')).toThrow(InvalidInputError);
    }
  });

  it('takes LIKE wildcards in the search text literally', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
