/**
 * The queue's search (GET /api/tickets?q=, issue 18). Every word of `q` must match the ticket:
 * - a word of letters only ("Aufzüge", "hydr", "Müller") by German full-text prefix over title, description and
 *   reporter (tickets.search_vector, GIN ix_tickets_search_fts): "Aufzüge" finds "Aufzug", "hydr" "Hydraulik";
 * - any other word — numbers, codes, "E42", "50%" — as a case-insensitive substring, literally (% and _ are no
 *   wildcards), of the number or title (pg_trgm GIN ix_tickets_search_trgm over TICKET_SEARCH_TRGM_SQL);
 * - either kind as a substring of its asset's code or name (the asset ids first, then ix_tickets_asset_fault).
 * Words of letters skip the trigram index on purpose: common German trigrams ("ung", "ein") have posting lists of
 * hundreds of thousands of tickets, and the stems already find the words. TICKET_SEARCH_TRGM_SQL is the
 * expression migration 1795380000000 indexed; it must stay identical to it.
 */

/** At most this many words in one search; more is a 400 (a long OR chain per word is no search any more). */
export const MAX_SEARCH_WORDS = 8;
export const MAX_SEARCH_LENGTH = 100;

export const TICKET_SEARCH_TRGM_SQL = `(t.number || chr(31) || t.title)`;

/** The words of a search text (whitespace-separated, empty ones dropped). */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '').trim().split(/\s+/u).filter(Boolean);
}

/** `%word%` for ILIKE, with \, % and _ escaped so they match themselves. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The tsquery text of a word for the full-text match ('aufzug:*'), or null when it is not a word of letters. */
export function prefixTsQuery(word: string): string | null {
  return /^\p{L}{2,}$/u.test(word) ? `${word.toLowerCase()}:*` : null;
}

/**
 * The WHERE terms of a search, one per word. `param` adds a bind parameter and returns its placeholder;
 * `tenants` (null: every tenant) narrows the asset lookup the way the ticket filter narrows the tickets.
 */
export function searchTerms(
  q: string | undefined,
  param: (value: unknown, cast?: string) => string,
  tenants: readonly string[] | null,
): string[] {
  return searchWords(q).map((word) => {
    const like = param(likePattern(word));
    const assetTenant = tenants === null ? '' : ` AND x.tenant_id = ANY(${param(tenants, '::uuid[]')})`;
    const tsq = prefixTsQuery(word);
    const own =
      tsq === null
        ? `${TICKET_SEARCH_TRGM_SQL} ILIKE ${like}`
        : `t.search_vector @@ to_tsquery('german'::regconfig, ${param(tsq)})`;
    const asset = `t.asset_id = ANY(ARRAY(SELECT x.id FROM assets x WHERE (x.code ILIKE ${like} OR x.name ILIKE ${like})${assetTenant}))`;
    return `(${own} OR ${asset})`;
  });
}
