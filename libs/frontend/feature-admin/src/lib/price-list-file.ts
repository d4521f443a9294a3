import type { PriceListView } from '@leitstand/api-contracts';
import { priceListFromCsv, type PriceListCsvIssue } from '@leitstand/domain';
import { slugFromName } from './tenants-page.component';

/** What an uploaded price list file proposes for the form: its document and the key, name and valid-from in it. */
export interface PriceListFile {
  data: Record<string, unknown>;
  key: string;
  name: string;
  validFrom: string;
  /** For a CSV sheet: the row of each path, so the server's problems are shown at their rows. */
  rows?: ReadonlyMap<string, number>;
}

export type PriceListFileResult =
  | { ok: true; file: PriceListFile }
  | { ok: false; reason: 'notJson' | 'notObject'; detail: string }
  | { ok: false; reason: 'badSheet'; detail: string; issues: readonly PriceListCsvIssue[] };

/** A chosen file by its name: `.csv` is the `path;value` sheet (see the domain's priceListFromCsv), else JSON. */
export function readPriceListUpload(fileName: string, text: string): PriceListFileResult {
  if (!/\.csv$/i.test(fileName)) return readPriceListFile(text);
  const sheet = priceListFromCsv(text);
  if (!sheet.ok) return { ok: false, reason: 'badSheet', detail: String(sheet.issues.length), issues: sheet.issues };
  const result = fileOf(sheet.data);
  return { ok: true, file: { ...result, rows: sheet.rows } };
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a price list JSON file. The key of a version is the document's id plus its valid-from date
 * (`seed-004-itk-service-price-list-2011-01-01`): keys are unique, versions of one list share the id.
 */
export function readPriceListFile(text: string): PriceListFileResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: 'notJson', detail: error instanceof Error ? error.message : String(error) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'notObject', detail: Array.isArray(parsed) ? 'array' : typeof parsed };
  }
  return { ok: true, file: fileOf(parsed as Record<string, unknown>) };
}

function fileOf(data: Record<string, unknown>): PriceListFile {
  const validFrom =
    typeof data['validFrom'] === 'string' && LOCAL_DATE.test(data['validFrom']) ? data['validFrom'] : '';
  const name = typeof data['name'] === 'string' ? data['name'].slice(0, 200) : '';
  return { data, name, validFrom, key: versionKey(data, name, validFrom) };
}

export function versionKey(data: Record<string, unknown>, name: string, validFrom: string): string {
  const base = slugFromName(typeof data['id'] === 'string' ? data['id'] : name) || 'price-list';
  return `${base.slice(0, 68)}${validFrom ? `-${validFrom}` : ''}`.replace(/-+$/, '');
}

/** A price list's id in its document (the versions of one list share it); the key for documents without one. */
export function listIdOf(view: PriceListView): string {
  const id = view.data['id'];
  return typeof id === 'string' && id !== '' ? id : view.key;
}

export type VersionStatus = 'current' | 'future' | 'superseded';

export interface PriceListVersions {
  listId: string;
  name: string;
  versions: Array<{ view: PriceListView; status: VersionStatus }>;
}

/**
 * The price lists grouped into lists with their versions, newest valid-from first: the version in force on `today`
 * is current, later ones are future, earlier ones superseded (kept read-only for billing past work).
 */
export function groupVersions(views: readonly PriceListView[], today: string): PriceListVersions[] {
  const groups = new Map<string, PriceListView[]>();
  for (const view of views) {
    const id = listIdOf(view);
    groups.set(id, [...(groups.get(id) ?? []), view]);
  }
  return [...groups]
    .map(([listId, list]) => {
      const sorted = [...list].sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.key.localeCompare(a.key));
      const current = sorted.find((v) => v.validFrom <= today);
      return {
        listId,
        name: (current ?? sorted[0])?.name ?? listId,
        versions: sorted.map((view) => ({
          view,
          status: (view === current ? 'current' : view.validFrom > today ? 'future' : 'superseded') as VersionStatus,
        })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
