import { likePattern, prefixTsQuery, searchTerms, searchWords } from './ticket-search';

describe('ticket search terms', () => {
  it('splits on any whitespace and drops empty words', () => {
    expect(searchWords('  Aufzug\t 2026-000017 \n')).toEqual(['Aufzug', '2026-000017']);
    expect(searchWords(undefined)).toEqual([]);
    expect(searchWords('   ')).toEqual([]);
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(likePattern('50%')).toBe('%50\\%%');
    expect(likePattern('a_b\\c')).toBe('%a\\_b\\\\c%');
  });

  it('asks the full-text index only for words of two or more letters, as a lower-case prefix', () => {
    expect(prefixTsQuery('Aufzüge')).toBe('aufzüge:*');
    expect(prefixTsQuery('hydr')).toBe('hydr:*');
    expect(prefixTsQuery('a')).toBeNull();
    expect(prefixTsQuery('AZ-0815')).toBeNull();
    expect(prefixTsQuery('2026')).toBeNull();
    expect(prefixTsQuery("o'reilly")).toBeNull(); // nothing of tsquery syntax ever reaches to_tsquery
    expect(prefixTsQuery('a:*|b')).toBeNull();
  });

  it('binds every word as a parameter, by full text or trigram, and narrows the asset lookup to the caller’s tenants', () => {
    const params: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const terms = searchTerms("kamera 0815'; DROP", param, ['t1']);
    expect(terms).toHaveLength(3);
    expect(terms.join(' ')).not.toContain('DROP');
    expect(terms[0]).toContain('to_tsquery');
    expect(terms[0]).not.toContain('chr(31)'); // a word of letters does not ask the trigram index
    expect(terms[1]).not.toContain('to_tsquery');
    expect(terms[1]).toContain('(t.number || chr(31) || t.title) ILIKE $4');
    expect(terms[1]).toContain('x.tenant_id = ANY($5::uuid[])');
    expect(params).toEqual(['%kamera%', ['t1'], 'kamera:*', "%0815';%", ['t1'], '%DROP%', ['t1'], 'drop:*']);
    expect(searchTerms('lift', param, null)[0]).not.toContain('tenant_id');
  });
});
