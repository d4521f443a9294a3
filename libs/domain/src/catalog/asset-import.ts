import { splitLocationPath } from './location-hierarchy';

/**
 * Validation of an asset register import (CSV or XLSX, already read into string cells): given the
 * header row and the data rows, every row becomes a typed row or problems, each with the sheet row
 * number (the header is row 1), the column as written in the file and a message code with params
 * (the UI translates the code; `message` is the English text). German and English headers.
 *
 * Columns: code, name, trade, class (required); inContract, parent (code of a parent asset),
 * location (path "Gebäude A / EG / Raum 0.12": building / floor / room), manufacturer, model,
 * serialNumber, yearBuilt, warrantyUntil, redundancyGroup; and one column per technical attribute,
 * headed "attr:<key>" (German "Merkmal:<key>"). Blank optional cells mean "none".
 */
export const ASSET_IMPORT_FIELDS = [
  'code',
  'name',
  'trade',
  'assetClass',
  'inContract',
  'parentCode',
  'locationPath',
  'manufacturer',
  'model',
  'serialNumber',
  'yearBuilt',
  'warrantyUntil',
  'redundancyGroup',
] as const;
export type AssetImportField = (typeof ASSET_IMPORT_FIELDS)[number];

/** Header per language, as the export writes it; the import accepts these and the aliases below. */
export const ASSET_IMPORT_HEADERS: Record<'en' | 'de', Record<AssetImportField, string>> = {
  en: {
    code: 'Code',
    name: 'Name',
    trade: 'Trade',
    assetClass: 'Class',
    inContract: 'In contract',
    parentCode: 'Parent code',
    locationPath: 'Location',
    manufacturer: 'Manufacturer',
    model: 'Model',
    serialNumber: 'Serial number',
    yearBuilt: 'Year built',
    warrantyUntil: 'Warranty until',
    redundancyGroup: 'Redundancy group',
  },
  de: {
    code: 'Anlagennummer',
    name: 'Bezeichnung',
    trade: 'Gewerk',
    assetClass: 'Klasse',
    inContract: 'Im Vertrag',
    parentCode: 'Übergeordnete Anlage',
    locationPath: 'Ort',
    manufacturer: 'Hersteller',
    model: 'Modell',
    serialNumber: 'Seriennummer',
    yearBuilt: 'Baujahr',
    warrantyUntil: 'Gewährleistung bis',
    redundancyGroup: 'Redundanzgruppe',
  },
};
export const ATTRIBUTE_HEADER_PREFIX: Record<'en' | 'de', string> = { en: 'attr:', de: 'Merkmal:' };

const ALIASES: Record<AssetImportField, readonly string[]> = {
  code: ['kennung', 'anlagencode', 'anlagenkennung', 'inventarnummer', 'assetcode'],
  name: ['name', 'anlage', 'beschreibung'],
  trade: ['trade'],
  assetClass: ['assetclass', 'anlagenklasse', 'kritikalität', 'kritikalitaet'],
  inContract: ['incontract', 'vertrag', 'imvertrag'],
  parentCode: ['parent', 'parentcode', 'übergeordnet', 'uebergeordnet', 'übergeordneteanlage'],
  locationPath: ['location', 'locationpath', 'ort', 'raum', 'standortpfad'],
  manufacturer: ['manufacturer', 'hersteller'],
  model: ['model', 'modell', 'typ', 'type'],
  serialNumber: ['serialnumber', 'serial', 'seriennummer', 'seriennr'],
  yearBuilt: ['yearbuilt', 'year', 'baujahr'],
  warrantyUntil: ['warrantyuntil', 'warranty', 'gewährleistungbis', 'garantiebis', 'gewährleistung', 'garantie'],
  redundancyGroup: ['redundancygroup', 'redundanzgruppe', 'redundanz'],
};

const norm = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');

const HEADER_INDEX = new Map<string, AssetImportField>();
for (const field of ASSET_IMPORT_FIELDS) {
  for (const h of [ASSET_IMPORT_HEADERS.en[field], ASSET_IMPORT_HEADERS.de[field], field, ...ALIASES[field]]) {
    HEADER_INDEX.set(norm(h), field);
  }
}

const REQUIRED: readonly AssetImportField[] = ['code', 'name', 'trade', 'assetClass'];
const MAX_LENGTH: Partial<Record<AssetImportField, number>> = {
  code: 40,
  name: 200,
  trade: 60,
  parentCode: 40,
  manufacturer: 100,
  model: 100,
  serialNumber: 100,
  redundancyGroup: 60,
};
export const ASSET_IMPORT_MAX_ROWS = 20_000;
export const ASSET_IMPORT_MAX_ATTRIBUTES = 50;
const ATTRIBUTE_KEY_MAX = 60;
const ATTRIBUTE_VALUE_MAX = 500;
const LOCATION_NAME_MAX = 200;

export type ImportMessageCode =
  | 'required'
  | 'tooLong'
  | 'invalidClass'
  | 'invalidBoolean'
  | 'invalidYear'
  | 'invalidDate'
  | 'invalidLocationPath'
  | 'duplicateCode'
  | 'unknownParent'
  | 'parentCycle'
  | 'selfParent'
  | 'unknownColumn'
  | 'duplicateColumn'
  | 'missingColumn'
  | 'tooManyAttributes'
  | 'tooManyRows'
  | 'noRows'
  | 'codeOnOtherSite';

export interface ImportProblem {
  /** Sheet row: 1 is the header, 2 the first data row. */
  row: number;
  /** The column's header as written in the file (or the canonical header of a missing column); null = whole row. */
  column: string | null;
  code: ImportMessageCode;
  params: Record<string, string | number>;
  /** English text of the problem (the UI translates `code` with `params`). */
  message: string;
}

export interface AssetImportRow {
  row: number;
  code: string;
  name: string;
  trade: string;
  assetClass: 'A' | 'B' | 'C';
  /** Blank → true (the default of a new asset). */
  inContract: boolean;
  parentCode: string | null;
  /** Location names from the building down (1–3), or null. */
  locationPath: string[] | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  yearBuilt: number | null;
  warrantyUntil: string | null;
  redundancyGroup: string | null;
  attributes: Record<string, string>;
}

export interface AssetImportParse {
  rows: AssetImportRow[];
  problems: ImportProblem[];
}

const MESSAGES: Record<ImportMessageCode, (p: Record<string, string | number>) => string> = {
  required: () => 'a value is required',
  tooLong: (p) => `at most ${p['max']} characters`,
  invalidClass: (p) => `'${p['value']}' is not an asset class (A, B or C)`,
  invalidBoolean: (p) => `'${p['value']}' is not yes/no (yes, no, ja, nein, true, false, 1, 0)`,
  invalidYear: (p) => `'${p['value']}' is not a year between ${p['min']} and ${p['max']}`,
  invalidDate: (p) => `'${p['value']}' is not a date (YYYY-MM-DD or DD.MM.YYYY)`,
  invalidLocationPath: (p) =>
    `'${p['value']}' is not a location path "building / floor / room" (1–3 names, none blank, each ≤ ${LOCATION_NAME_MAX})`,
  duplicateCode: (p) => `code '${p['value']}' appears in row ${p['firstRow']} already`,
  unknownParent: (p) => `no asset with code '${p['value']}' in the file or on the site`,
  parentCycle: (p) => `parent '${p['value']}' leads back to this asset`,
  selfParent: () => 'an asset cannot be its own parent',
  unknownColumn: (p) => `unknown column '${p['value']}'`,
  duplicateColumn: (p) => `column '${p['value']}' appears twice`,
  missingColumn: (p) => `the column '${p['value']}' is missing`,
  tooManyAttributes: (p) => `at most ${p['max']} attribute columns`,
  tooManyRows: (p) => `at most ${p['max']} rows per import`,
  noRows: () => 'the file has no data rows',
  codeOnOtherSite: (p) => `code '${p['value']}' belongs to an asset of another site`,
};

export function importProblem(
  row: number,
  column: string | null,
  code: ImportMessageCode,
  params: Record<string, string | number> = {},
): ImportProblem {
  return { row, column, code, params, message: MESSAGES[code](params) };
}

const TRUE = new Set(['yes', 'ja', 'true', 'wahr', '1', 'x', 'y', 'j']);
const FALSE = new Set(['no', 'nein', 'false', 'falsch', '0', 'n']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DE_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** 'YYYY-MM-DD' of a real calendar date written ISO or German, or null. */
export function parseImportDate(value: string): string | null {
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(value);
  const de = DE_DATE.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (de) [y, m, d] = [Number(de[3]), Number(de[2]), Number(de[1])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads the header and the rows. Rows that are blank in every cell are skipped (spreadsheets end
 * with them). Every problem of every row is reported; a row with a problem is not in `rows`.
 * `existingCodes` are the asset codes of the site (a parent may be one of them).
 */
export function parseAssetImport(
  header: readonly string[],
  cells: ReadonlyArray<readonly string[]>,
  existingCodes: ReadonlySet<string> = new Set(),
): AssetImportParse {
  const problems: ImportProblem[] = [];
  const columns: Array<{ field: AssetImportField } | { attribute: string } | null> = [];
  const seen = new Map<string, string>();
  let attributeCount = 0;
  header.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') {
      columns[i] = null;
      return;
    }
    const prefix = [ATTRIBUTE_HEADER_PREFIX.en, ATTRIBUTE_HEADER_PREFIX.de].find((p) =>
      text.toLowerCase().startsWith(p.toLowerCase()),
    );
    let key: string;
    if (prefix !== undefined) {
      const attribute = text.slice(prefix.length).trim();
      if (attribute === '' || [...attribute].length > ATTRIBUTE_KEY_MAX) {
        problems.push(importProblem(1, text, 'tooLong', { max: ATTRIBUTE_KEY_MAX }));
        columns[i] = null;
        return;
      }
      attributeCount++;
      columns[i] = { attribute };
      key = `attr:${attribute}`;
    } else {
      const field = HEADER_INDEX.get(norm(text));
      if (field === undefined) {
        problems.push(importProblem(1, text, 'unknownColumn', { value: text }));
        columns[i] = null;
        return;
      }
      columns[i] = { field };
      key = field;
    }
    if (seen.has(key)) {
      problems.push(importProblem(1, text, 'duplicateColumn', { value: text }));
      columns[i] = null;
    }
    seen.set(key, text);
  });
  if (attributeCount > ASSET_IMPORT_MAX_ATTRIBUTES) {
    problems.push(importProblem(1, null, 'tooManyAttributes', { max: ASSET_IMPORT_MAX_ATTRIBUTES }));
  }
  for (const field of REQUIRED) {
    if (!seen.has(field)) {
      problems.push(
        importProblem(1, ASSET_IMPORT_HEADERS.en[field], 'missingColumn', { value: ASSET_IMPORT_HEADERS.en[field] }),
      );
    }
  }
  const headerOf = (field: AssetImportField): string => seen.get(field) ?? ASSET_IMPORT_HEADERS.en[field];
  const dataRows = cells.map((r, i) => ({ cells: r, row: i + 2 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (problems.length > 0) return { rows: [], problems };
  if (dataRows.length === 0) return { rows: [], problems: [importProblem(2, null, 'noRows')] };
  if (dataRows.length > ASSET_IMPORT_MAX_ROWS) {
    return {
      rows: [],
      problems: [importProblem(ASSET_IMPORT_MAX_ROWS + 2, null, 'tooManyRows', { max: ASSET_IMPORT_MAX_ROWS })],
    };
  }

  const parsed: AssetImportRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const { cells: rowCells, row } of dataRows) {
    const rowProblems: ImportProblem[] = [];
    const values = new Map<AssetImportField, string>();
    const attributes: Record<string, string> = {};
    columns.forEach((col, i) => {
      if (col === null) return;
      const value = (rowCells[i] ?? '').trim();
      if ('field' in col) values.set(col.field, value);
      else if (value !== '') {
        if ([...value].length > ATTRIBUTE_VALUE_MAX) {
          rowProblems.push(importProblem(row, header[i]?.trim() ?? null, 'tooLong', { max: ATTRIBUTE_VALUE_MAX }));
        } else attributes[col.attribute] = value;
      }
    });
    const text = (field: AssetImportField): string | null => {
      const value = values.get(field) ?? '';
      if (value === '') {
        if (REQUIRED.includes(field)) rowProblems.push(importProblem(row, headerOf(field), 'required'));
        return null;
      }
      const max = MAX_LENGTH[field];
      if (max !== undefined && [...value].length > max) {
        rowProblems.push(importProblem(row, headerOf(field), 'tooLong', { max }));
        return null;
      }
      return value;
    };
    const code = text('code');
    const name = text('name');
    const trade = text('trade');
    const classText = text('assetClass');
    const assetClass = classText === null ? null : classText.toUpperCase();
    if (assetClass !== null && assetClass !== 'A' && assetClass !== 'B' && assetClass !== 'C') {
      rowProblems.push(importProblem(row, headerOf('assetClass'), 'invalidClass', { value: classText ?? '' }));
    }
    const contractText = text('inContract');
    let inContract = true;
    if (contractText !== null) {
      const v = contractText.toLowerCase();
      if (TRUE.has(v)) inContract = true;
      else if (FALSE.has(v)) inContract = false;
      else rowProblems.push(importProblem(row, headerOf('inContract'), 'invalidBoolean', { value: contractText }));
    }
    const yearText = text('yearBuilt');
    let yearBuilt: number | null = null;
    if (yearText !== null) {
      yearBuilt = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (!(yearBuilt >= 1800 && yearBuilt <= 2200)) {
        rowProblems.push(
          importProblem(row, headerOf('yearBuilt'), 'invalidYear', { value: yearText, min: 1800, max: 2200 }),
        );
      }
    }
    const dateText = text('warrantyUntil');
    const warrantyUntil = dateText === null ? null : parseImportDate(dateText);
    if (dateText !== null && warrantyUntil === null) {
      rowProblems.push(importProblem(row, headerOf('warrantyUntil'), 'invalidDate', { value: dateText }));
    }
    const pathText = values.get('locationPath') ?? '';
    const locationPath = splitLocationPath(pathText);
    if (
      locationPath !== null &&
      (locationPath.length > 3 || locationPath.some((s) => s === '' || [...s].length > LOCATION_NAME_MAX))
    ) {
      rowProblems.push(importProblem(row, headerOf('locationPath'), 'invalidLocationPath', { value: pathText }));
    }
    const parentCode = text('parentCode');
    if (code !== null) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        rowProblems.push(importProblem(row, headerOf('code'), 'duplicateCode', { value: code, firstRow: first }));
      } else firstRowOfCode.set(code, row);
      if (parentCode !== null && parentCode === code) {
        rowProblems.push(importProblem(row, headerOf('parentCode'), 'selfParent'));
      }
    }
    problems.push(...rowProblems);
    if (rowProblems.length === 0) {
      parsed.push({
        row,
        code: code as string,
        name: name as string,
        trade: trade as string,
        assetClass: assetClass as 'A' | 'B' | 'C',
        inContract,
        parentCode,
        locationPath,
        manufacturer: text('manufacturer'),
        model: text('model'),
        serialNumber: text('serialNumber'),
        yearBuilt,
        warrantyUntil,
        redundancyGroup: text('redundancyGroup'),
        attributes,
      });
    }
  }

  // Parents: a code of the file or of the site; no cycles through the file's rows.
  const parentOf = new Map(parsed.map((r) => [r.code, r.parentCode]));
  for (const r of parsed) {
    if (r.parentCode === null) continue;
    if (!firstRowOfCode.has(r.parentCode) && !existingCodes.has(r.parentCode)) {
      problems.push(importProblem(r.row, headerOf('parentCode'), 'unknownParent', { value: r.parentCode }));
      continue;
    }
    const visited = new Set<string>([r.code]);
    let at: string | null | undefined = r.parentCode;
    while (at !== null && at !== undefined) {
      if (visited.has(at)) {
        problems.push(importProblem(r.row, headerOf('parentCode'), 'parentCycle', { value: r.parentCode }));
        break;
      }
      visited.add(at);
      at = parentOf.get(at);
    }
  }
  problems.sort((a, b) => a.row - b.row);
  const bad = new Set(problems.map((p) => p.row));
  return { rows: parsed.filter((r) => !bad.has(r.row)), problems };
}

/** The cells of one asset as the export writes them (so the import reads them back unchanged). */
export interface AssetExportRecord {
  code: string;
  name: string;
  trade: string;
  assetClass: string;
  inContract: boolean;
  parentCode: string | null;
  locationPath: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  yearBuilt: number | null;
  warrantyUntil: string | null;
  redundancyGroup: string | null;
  attributes: Record<string, string>;
}

/** Header and rows of an export; attribute columns in key order after the fixed ones. */
export function assetExportTable(
  records: readonly AssetExportRecord[],
  lang: 'en' | 'de',
): { header: string[]; rows: string[][] } {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r.attributes)))].sort();
  const header = [
    ...ASSET_IMPORT_FIELDS.map((f) => ASSET_IMPORT_HEADERS[lang][f]),
    ...keys.map((k) => `${ATTRIBUTE_HEADER_PREFIX[lang]}${k}`),
  ];
  const yes = lang === 'de' ? 'ja' : 'yes';
  const no = lang === 'de' ? 'nein' : 'no';
  const rows = records.map((r) => [
    r.code,
    r.name,
    r.trade,
    r.assetClass,
    r.inContract ? yes : no,
    r.parentCode ?? '',
    r.locationPath ?? '',
    r.manufacturer ?? '',
    r.model ?? '',
    r.serialNumber ?? '',
    r.yearBuilt === null ? '' : String(r.yearBuilt),
    r.warrantyUntil ?? '',
    r.redundancyGroup ?? '',
    ...keys.map((k) => r.attributes[k] ?? ''),
  ]);
  return { header, rows };
}
