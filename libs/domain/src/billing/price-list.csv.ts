import { readCsvRecords, writeCsvText, type CsvDelimiter } from '../sheet/csv';
import { PRICE_LIST_ROOT_KEYS } from './price-list.parser';

/**
 * A price list as a two-column sheet (`path;value`), for providers who keep their rates in Excel: one row per
 * value of the JSON document, the path written as the parser names it (`roles[0].hourlyRate`,
 * `material.overheadTiers[7].fromPrice`). The sheet round-trips: `priceListFromCsv(priceListToCsv(doc))` gives the
 * same document back, and a problem the parser reports at a path is shown at that path's row.
 *
 * Every value is text, as amounts must be (`"45.50"`, never a float); only the few counts and switches of the
 * schema are read as JSON numbers and booleans, by their key. An empty list or object is written as `[]` / `{}`,
 * no value (`null`, an open-ended tier) as an empty cell.
 */
const NUMBER_KEYS = new Set(['schemaVersion', 'incrementMinutes', 'periodMinutes', 'creditWithinWeeks']);
const BOOLEAN_KEYS = new Set(['publicHolidays', 'countsAsWorkTime', 'underMaintenanceContract']);
const HEADER = ['path', 'value'] as const;
const SEGMENT = /^([A-Za-z_$][\w$]*)((?:\[\d+\])*)$/;

export interface PriceListCsvIssue {
  /** The sheet's row, 1 = the header row (as a spreadsheet numbers it). */
  readonly row: number;
  readonly path: string;
  readonly message: string;
}

export type PriceListCsvResult =
  | { readonly ok: true; readonly data: Record<string, unknown>; readonly rows: ReadonlyMap<string, number> }
  | { readonly ok: false; readonly issues: readonly PriceListCsvIssue[] };

export function priceListToCsv(document: Readonly<Record<string, unknown>>, delimiter: CsvDelimiter = ';'): string {
  const records: string[][] = [[...HEADER]];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      if (value.length === 0) records.push([path, '[]']);
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
      const entries = ordered(Object.entries(value), path === '' ? PRICE_LIST_ROOT_KEYS : ['id']);
      if (entries.length === 0 && path !== '') records.push([path, '{}']);
      for (const [k, v] of entries) walk(v, path ? `${path}.${k}` : k);
    } else {
      records.push([path, value === null || value === undefined ? '' : String(value)]);
    }
  };
  walk(document, '');
  return writeCsvText(records, delimiter);
}

/**
 * A stored document comes back from PostgreSQL's jsonb with its keys reordered (shortest first): the sheet lists
 * the document's fields in the schema's order (and `id` first inside a group), the rest as they come.
 */
function ordered(entries: [string, unknown][], first: readonly string[]): [string, unknown][] {
  const rank = (k: string): number => {
    const i = first.indexOf(k);
    return i === -1 ? first.length : i;
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e[0]) - rank(b.e[0]) || a.i - b.i)
    .map((x) => x.e);
}

type Step = string | number;

function parsePath(path: string): Step[] | null {
  const steps: Step[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) return null;
    steps.push(m[1] as string);
    for (const index of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

function typed(key: string, text: string): unknown {
  if (text.trim() === '') return null;
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (NUMBER_KEYS.has(key) && /^-?\d+$/.test(text.trim())) return Number(text.trim());
  if (BOOLEAN_KEYS.has(key) && (text.trim() === 'true' || text.trim() === 'false')) return text.trim() === 'true';
  return text;
}

/** Reads a `path;value` sheet into the price-list document; every problem of the sheet at its row. */
export function priceListFromCsv(text: string): PriceListCsvResult {
  let records: string[][];
  try {
    records = readCsvRecords(text, 200_000);
  } catch (error) {
    return {
      ok: false,
      issues: [{ row: 1, path: '', message: error instanceof Error ? error.message : 'unreadable' }],
    };
  }
  const issues: PriceListCsvIssue[] = [];
  const header = (records[0] ?? []).map((c) => c.trim().toLowerCase());
  if (header[0] !== HEADER[0] || header[1] !== HEADER[1]) {
    return {
      ok: false,
      issues: [
        { row: 1, path: '', message: `the first row must be the header "path;value", got "${header.join(';')}"` },
      ],
    };
  }
  const root: Record<string, unknown> = {};
  const rows = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const path = (record[0] ?? '').trim();
    if (path === '' && record.slice(1).every((c) => c.trim() === '')) return; // a blank line
    if (record.length > 2 && record.slice(2).some((c) => c.trim() !== '')) {
      issues.push({ row, path, message: 'a row has two cells: path and value (put a value with ; in quotes)' });
      return;
    }
    const steps = parsePath(path);
    if (!steps) {
      issues.push({ row, path, message: 'not a path like roles[0].hourlyRate' });
      return;
    }
    if (rows.has(path)) {
      issues.push({ row, path, message: `given twice (first in row ${rows.get(path)})` });
      return;
    }
    rows.set(path, row);
    let node: Record<string | number, unknown> = root;
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s] as Step;
      const last = s === steps.length - 1;
      const next = steps[s + 1];
      const existing = node[step];
      if (last) {
        if (existing !== undefined) {
          issues.push({ row, path, message: 'a value and a list or group at the same path' });
          return;
        }
        node[step] = typed(typeof step === 'number' ? '' : step, record[1] ?? '');
        return;
      }
      const wanted = typeof next === 'number' ? 'array' : 'object';
      if (existing === undefined) node[step] = wanted === 'array' ? [] : {};
      const child = node[step];
      const isArray = Array.isArray(child);
      if (typeof child !== 'object' || child === null || isArray !== (wanted === 'array')) {
        issues.push({ row, path, message: 'a value and a list or group at the same path' });
        return;
      }
      node = child as Record<string | number, unknown>;
    }
  });
  findGaps(root, '', rows, issues);
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.row - b.row) };
  return { ok: true, data: root, rows };
}

/** Lists numbered with a gap (`roles[0]`, `roles[2]`) are a typo in the sheet: named at the first row after it. */
function findGaps(value: unknown, path: string, rows: ReadonlyMap<string, number>, issues: PriceListCsvIssue[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) {
        const after = `${path}[${value.findIndex((v, j) => j > i && v !== undefined)}]`;
        issues.push({
          row: priceListCsvRow(rows, after) ?? 1,
          path: `${path}[${i}]`,
          message: `is missing (the list jumps to ${after})`,
        });
        return;
      }
      findGaps(value[i], `${path}[${i}]`, rows, issues);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) findGaps(v, path ? `${path}.${k}` : k, rows, issues);
  }
}

/**
 * The sheet row of a problem the parser names by path: the row of the path itself, or of the first value inside it
 * (a problem with a whole tier is shown at the tier's first row); undefined for a path the sheet does not have.
 */
export function priceListCsvRow(rows: ReadonlyMap<string, number>, path: string): number | undefined {
  const exact = rows.get(path);
  if (exact !== undefined) return exact;
  let first: number | undefined;
  for (const [p, row] of rows) {
    if ((path === '' || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)) && (first === undefined || row < first)) {
      first = row;
    }
  }
  return first;
}
