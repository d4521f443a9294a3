import { isUuid } from './uuid';

const cases: readonly (readonly [unknown, boolean, string])[] = [
  ['6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f60', true, 'canonical, lower case'],
  ['6F1C2A4E-8D0B-4C5E-9F7A-1B2C3D4E5F60', true, 'upper case'],
  ['00000000-0000-0000-0000-000000000000', true, 'the nil UUID'],
  ['42', false, 'a number'],
  ["' OR 1=1 --", false, 'SQL'],
  ['', false, 'empty'],
  ['6f1c2a4e8d0b4c5e9f7a1b2c3d4e5f60', false, 'without hyphens'],
  ['{6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f60}', false, 'in braces'],
  [' 6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f60', false, 'leading space'],
  ['6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f60\n', false, 'trailing newline'],
  ['6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f6g', false, 'a non-hex digit'],
  ['6f1c2a4e-8d0b-4c5e-9f7a-1b2c3d4e5f6', false, 'one digit short'],
  [null, false, 'null'],
  [42, false, 'not a string'],
];

describe('isUuid', () => {
  it.each(cases)('%p → %p (%s)', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
