import fc from 'fast-check';
import { MAX_JSON_DEPTH, inputFieldErrors, poisonedField, tooDeepJson } from './request-input';

/** The nesting depth of a parsed JSON value (objects and arrays; a scalar is 0). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    max = Math.max(max, d + 1);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

describe('tooDeepJson (depth check on the raw text, before parsing)', () => {
  it('flags exactly the texts whose parsed value nests deeper than the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'large', maxDepth: 8 }), fc.integer({ min: 1, max: 6 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(tooDeepJson(text, limit) !== null).toBe(depthOf(value) > limit);
      }),
      { numRuns: 2_000, seed: 13 },
    );
  });

  it('names the top-level property whose value is too deep, else the body; brackets in strings do not count', () => {
    expect(tooDeepJson('[[[1]]]', 2)).toBe('body');
    expect(tooDeepJson('{"a":1,"data":{"x":[[1]]}}', 3)).toBe('data');
    expect(tooDeepJson('{"a\\"{[":{"b":{"c":1}}}', 2)).toBe('a"{[');
    expect(tooDeepJson('{"s":"[[[[[[[[{{{{{{","t":"\\\\"}', 2)).toBeNull();
    expect(tooDeepJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeNull();
    expect(tooDeepJson('['.repeat(100_000))).toBe('body');
  });
});

describe('inputFieldErrors (NUL characters and depth of parsed input)', () => {
  it('names each string and key with a NUL character by its path', () => {
    const errors = inputFieldErrors(
      { title: 'a\u0000b', ok: 'x', data: { items: [{ n: '\u0000' }], 'k\u0000': 1 } },
      'body',
    );
    expect(errors.sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'data.items.0.n', messages: ['data.items.0.n must not contain NUL characters'] },
      { field: 'data.k\\u0000', messages: ['data.k\\u0000 must not contain NUL characters (in the key)'] },
      { field: 'title', messages: ['title must not contain NUL characters'] },
    ]);
    expect(inputFieldErrors('a\u0000', 'id')).toEqual([
      { field: 'id', messages: ['id must not contain NUL characters'] },
    ]);
    expect(inputFieldErrors({ q: 'plain', n: 1, b: null }, 'query')).toEqual([]);
  });

  it('names each string and key with a lone surrogate (not storable as UTF-8), but not surrogate pairs', () => {
    // Found by openapi-fuzz: login email "\ud800" (URIError in isEmail) and ticket comment text "\ud800"
    // (PostgreSQL: invalid input syntax for type json) answered 500.
    const errors = inputFieldErrors(
      { email: '\ud800', text: 'a\udc00b', ok: 'Tür 🚒', data: { 'k\ud83d': 1 } },
      'body',
    );
    expect(errors.sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      {
        field: 'data.k\\ud83d',
        messages: ['data.k\\ud83d must be well-formed Unicode (no lone surrogate) (in the key)'],
      },
      { field: 'email', messages: ['email must be well-formed Unicode (no lone surrogate)'] },
      { field: 'text', messages: ['text must be well-formed Unicode (no lone surrogate)'] },
    ]);
    expect(inputFieldErrors('\udfff', 'q')).toEqual([
      { field: 'q', messages: ['q must be well-formed Unicode (no lone surrogate)'] },
    ]);
  });

  it('names the top-level field of too-deep parsed input without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(inputFieldErrors({ data: deep }, 'body').map((e) => e.field)).toEqual(['data']);
    expect(inputFieldErrors(deep, 'body').map((e) => e.field)).toEqual(['body']);
  });
});

describe('poisonedField (names the field of a refused __proto__ / constructor.prototype key)', () => {
  it.each([
    ['{"email":{"__proto__":{"x":1}}}', 'email'],
    ['{"name":"a","tags":[1,{"constructor":{"prototype":{}}}]}', 'tags'],
    ['{"__proto__":{"isAdmin":true}}', '__proto__'],
    ['{"constructor":{"prototype":{"x":1}}}', 'constructor'],
    ['{"constructor":{"name":"x"},"email":"a@b.de"}', null],
    ['{"email":"__proto__"}', null],
  ])('%s → %s', (text, field) => {
    expect(poisonedField(JSON.parse(text) as Record<string, unknown>)).toBe(field);
  });
});
