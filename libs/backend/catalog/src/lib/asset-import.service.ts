import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AssetImportReport, AssetImportRowResult } from '@leitstand/api-contracts';
import { InvalidInputError, NotFoundError, canSeeTenant, isUuid, type AuthUser } from '@leitstand/backend/core';
import { SiteEntity } from '@leitstand/backend/data-access';
import {
  assetExportTable,
  importProblem,
  joinLocationPath,
  kindAtDepth,
  parseAssetImport,
  type AssetExportRecord,
  type AssetImportRow,
  type ImportProblem,
} from '@leitstand/domain';
import { parseCsv, parseXlsx, writeCsv, writeXlsx, XLSX_MIME, type Sheet } from './asset-sheet';
import { WRITER_ROLES, assertRole } from './catalog.common';
import { lockSiteTree } from './locations.service';

const CHUNK = 1000;

interface ExistingAsset extends AssetExportRecord {
  id: string;
}

/**
 * Import and export of a site's asset register (CSV or XLSX). The import validates every row
 * first (libs/domain parseAssetImport, plus codes that belong to another site of the tenant);
 * a dry run only reports. The real import writes in one transaction — all rows or none: new codes
 * are created, existing codes of the site updated (a row equal to the asset leaves it untouched,
 * version and all), missing locations of the paths created. Assets not in the file stay as they are.
 */
@Injectable()
export class AssetImportService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async readSheet(bytes: Buffer, contentType: string): Promise<Sheet> {
    return contentType === XLSX_MIME ? parseXlsx(bytes) : parseCsv(bytes.toString('utf8'));
  }

  async import(user: AuthUser, siteId: string, sheet: Sheet, dryRun: boolean): Promise<AssetImportReport> {
    assertRole(user, WRITER_ROLES);
    const site = await this.visibleSite(user, siteId);
    const run = async (m: EntityManager): Promise<AssetImportReport> => {
      if (!dryRun) {
        await lockSiteTree(m, site.id);
        await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('asset-tree:' || $1::text, 0))`, [site.id]);
      }
      const existing = await this.siteAssets(m, site.id);
      const byCode = new Map(existing.map((a) => [a.code, a]));
      const parse = parseAssetImport(sheet.header, sheet.rows, new Set(byCode.keys()));
      const problems: ImportProblem[] = [...parse.problems];
      const codes = parse.rows.map((r) => r.code);
      const elsewhere = (await m.query(
        `SELECT code FROM assets WHERE tenant_id = $1 AND site_id <> $2 AND code = ANY($3::text[])`,
        [site.tenantId, site.id, codes],
      )) as Array<{ code: string }>;
      const foreign = new Set(elsewhere.map((r) => r.code));
      const codeColumn = sheet.header.find((h) => /^(code|anlagennummer|kennung)$/i.test(h.trim())) ?? 'Code';
      for (const r of parse.rows) {
        if (foreign.has(r.code)) problems.push(importProblem(r.row, codeColumn, 'codeOnOtherSite', { value: r.code }));
      }
      problems.sort((a, b) => a.row - b.row);
      const rows = parse.rows.filter((r) => !foreign.has(r.code));
      const results: AssetImportRowResult[] = rows.map((r) => {
        const current = byCode.get(r.code);
        return {
          row: r.row,
          code: r.code,
          action: !current ? 'create' : sameAsset(current, r) ? 'unchanged' : 'update',
        };
      });
      const report: AssetImportReport = {
        dryRun,
        applied: false,
        rowCount: sheet.rows.filter((r) => r.some((c) => c.trim() !== '')).length,
        created: results.filter((r) => r.action === 'create').length,
        updated: results.filter((r) => r.action === 'update').length,
        unchanged: results.filter((r) => r.action === 'unchanged').length,
        locationsCreated: 0,
        problems,
        rows: results,
      };
      if (dryRun) return report;
      if (problems.length > 0) {
        throw new InvalidInputError([
          {
            field: 'file',
            messages: problems.map((p) => `row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`),
          },
        ]);
      }
      report.locationsCreated = await this.write(m, site, rows, byCode);
      report.applied = true;
      return report;
    };
    return dryRun ? run(this.dataSource.manager) : this.dataSource.transaction(run);
  }

  async export(user: AuthUser, siteId: string, format: 'csv' | 'xlsx', lang: 'en' | 'de'): Promise<Buffer> {
    assertRole(user, WRITER_ROLES);
    const site = await this.visibleSite(user, siteId);
    const table = assetExportTable(await this.siteAssets(this.dataSource.manager, site.id), lang);
    return format === 'xlsx' ? writeXlsx(table, site.name) : writeCsv(table, lang === 'de' ? ';' : ',');
  }

  private async visibleSite(user: AuthUser, siteId: string): Promise<SiteEntity> {
    const site = isUuid(siteId) ? await this.dataSource.getRepository(SiteEntity).findOneBy({ id: siteId }) : null;
    if (!site || !canSeeTenant(user, site.tenantId)) throw new NotFoundError('Site', siteId);
    return site;
  }

  private async siteAssets(m: EntityManager, siteId: string): Promise<ExistingAsset[]> {
    const rows = (await m.query(
      `SELECT a.id, a.code, a.name, a.trade, a.asset_class, a.in_contract, p.code AS parent_code,
              CASE WHEN a.location_id IS NULL THEN NULL ELSE concat_ws(' / ', l3.name, l2.name, l1.name) END AS location_path,
              a.manufacturer, a.model, a.serial_number, a.year_built,
              to_char(a.warranty_until, 'YYYY-MM-DD') AS warranty_until, a.redundancy_group, a.attributes
         FROM assets a
         LEFT JOIN assets p ON p.id = a.parent_id
         LEFT JOIN locations l1 ON l1.id = a.location_id
         LEFT JOIN locations l2 ON l2.id = l1.parent_id
         LEFT JOIN locations l3 ON l3.id = l2.parent_id
        WHERE a.site_id = $1 ORDER BY a.code, a.id`,
      [siteId],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r['id'] as string,
      code: r['code'] as string,
      name: r['name'] as string,
      trade: r['trade'] as string,
      assetClass: r['asset_class'] as string,
      inContract: r['in_contract'] as boolean,
      parentCode: (r['parent_code'] as string | null) ?? null,
      locationPath: (r['location_path'] as string | null) ?? null,
      manufacturer: (r['manufacturer'] as string | null) ?? null,
      model: (r['model'] as string | null) ?? null,
      serialNumber: (r['serial_number'] as string | null) ?? null,
      yearBuilt: (r['year_built'] as number | null) ?? null,
      warrantyUntil: (r['warranty_until'] as string | null) ?? null,
      redundancyGroup: (r['redundancy_group'] as string | null) ?? null,
      attributes: (r['attributes'] as Record<string, string> | null) ?? {},
    }));
  }

  /** Locations, then inserts and updates in chunks, then parents; returns the locations created. */
  private async write(
    m: EntityManager,
    site: SiteEntity,
    rows: AssetImportRow[],
    byCode: Map<string, ExistingAsset>,
  ): Promise<number> {
    const { idOfPath, created } = await this.ensureLocations(m, site, rows);
    const record = (r: AssetImportRow, id: string) => ({
      id,
      code: r.code,
      name: r.name,
      trade: r.trade,
      asset_class: r.assetClass,
      in_contract: r.inContract,
      location_id: r.locationPath ? (idOfPath.get(joinLocationPath(r.locationPath)) ?? null) : null,
      manufacturer: r.manufacturer,
      model: r.model,
      serial_number: r.serialNumber,
      year_built: r.yearBuilt,
      warranty_until: r.warrantyUntil,
      redundancy_group: r.redundancyGroup,
      attributes: r.attributes,
    });
    const COLUMNS = `id uuid, code text, name text, trade text, asset_class text, in_contract boolean, location_id uuid,
      manufacturer text, model text, serial_number text, year_built smallint, warranty_until date,
      redundancy_group text, attributes jsonb`;
    const inserts = rows.filter((r) => !byCode.has(r.code)).map((r) => record(r, randomUUID()));
    const updates = rows
      .filter((r) => {
        const current = byCode.get(r.code);
        return current !== undefined && !sameAsset(current, r);
      })
      .map((r) => record(r, (byCode.get(r.code) as ExistingAsset).id));
    for (let i = 0; i < inserts.length; i += CHUNK) {
      await m.query(
        `INSERT INTO assets (id, tenant_id, site_id, code, name, trade, asset_class, in_contract, location_id,
                             manufacturer, model, serial_number, year_built, warranty_until, redundancy_group,
                             attributes, version)
         SELECT x.id, $2, $3, x.code, x.name, x.trade, x.asset_class, x.in_contract, x.location_id, x.manufacturer,
                x.model, x.serial_number, x.year_built, x.warranty_until, x.redundancy_group, x.attributes, 1
           FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMNS})`,
        [JSON.stringify(inserts.slice(i, i + CHUNK)), site.tenantId, site.id],
      );
    }
    for (let i = 0; i < updates.length; i += CHUNK) {
      await m.query(
        `UPDATE assets a SET name = x.name, trade = x.trade, asset_class = x.asset_class, in_contract = x.in_contract,
                location_id = x.location_id, manufacturer = x.manufacturer, model = x.model,
                serial_number = x.serial_number, year_built = x.year_built, warranty_until = x.warranty_until,
                redundancy_group = x.redundancy_group, attributes = x.attributes, version = a.version + 1
           FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMNS})
          WHERE a.id = x.id AND a.site_id = $2`,
        [JSON.stringify(updates.slice(i, i + CHUNK)), site.id],
      );
    }
    // Parents by code, after every row exists (a parent may come later in the file).
    const links = rows
      .filter((r) => r.parentCode !== (byCode.get(r.code)?.parentCode ?? null) || !byCode.has(r.code))
      .filter((r) => r.parentCode !== null || byCode.has(r.code))
      .map((r) => ({ code: r.code, parent_code: r.parentCode }));
    for (let i = 0; i < links.length; i += CHUNK) {
      await m.query(
        `UPDATE assets a SET parent_id = p.id,
                version = CASE WHEN x.code = ANY($3::text[]) THEN a.version ELSE a.version + 1 END
           FROM jsonb_to_recordset($1::jsonb) AS x(code text, parent_code text)
           LEFT JOIN assets p ON p.site_id = $2 AND p.code = x.parent_code
          WHERE a.site_id = $2 AND a.code = x.code AND a.parent_id IS DISTINCT FROM p.id`,
        [
          JSON.stringify(links.slice(i, i + CHUNK)),
          site.id,
          [...inserts.map((x) => x.code), ...updates.map((x) => x.code)],
        ],
      );
    }
    if (links.length > 0) {
      const [cycle] = (await m.query(
        `WITH RECURSIVE walk(start, id, depth) AS (
           SELECT id, parent_id, 1 FROM assets WHERE site_id = $1 AND parent_id IS NOT NULL
           UNION ALL
           SELECT w.start, a.parent_id, w.depth + 1 FROM walk w JOIN assets a ON a.id = w.id
            WHERE a.parent_id IS NOT NULL AND w.id <> w.start AND w.depth < 50
         ) SELECT a.code FROM walk w JOIN assets a ON a.id = w.start WHERE w.id = w.start LIMIT 1`,
        [site.id],
      )) as Array<{ code: string }>;
      if (cycle) {
        throw InvalidInputError.of(
          'file',
          `the parents of asset '${cycle.code}' lead back to it (nothing was imported)`,
        );
      }
    }
    return created;
  }

  /** The location of every path in the rows (matched by name from the building down), created when missing. */
  private async ensureLocations(
    m: EntityManager,
    site: SiteEntity,
    rows: AssetImportRow[],
  ): Promise<{ idOfPath: Map<string, string>; created: number }> {
    const existing = (await m.query(`SELECT id, parent_id, name FROM locations WHERE site_id = $1`, [
      site.id,
    ])) as Array<{
      id: string;
      parent_id: string | null;
      name: string;
    }>;
    const child = new Map(existing.map((l) => [`${l.parent_id ?? ''}|${l.name}`, l.id]));
    const idOfPath = new Map<string, string>();
    let created = 0;
    for (const r of rows) {
      if (!r.locationPath) continue;
      let parent: string | null = null;
      for (let depth = 0; depth < r.locationPath.length; depth++) {
        const name = r.locationPath[depth] as string;
        const key = `${parent ?? ''}|${name}`;
        let id = child.get(key);
        if (id === undefined) {
          id = randomUUID();
          await m.query(
            `INSERT INTO locations (id, tenant_id, site_id, parent_id, kind, name, version) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
            [id, site.tenantId, site.id, parent, kindAtDepth(depth), name],
          );
          child.set(key, id);
          created++;
        }
        parent = id;
      }
      idOfPath.set(joinLocationPath(r.locationPath), parent as string);
    }
    return { idOfPath, created };
  }
}

function sameAsset(a: ExistingAsset, r: AssetImportRow): boolean {
  const attrs = (x: Record<string, string>): string =>
    JSON.stringify(
      Object.keys(x)
        .sort()
        .map((k) => [k, x[k]]),
    );
  return (
    a.name === r.name &&
    a.trade === r.trade &&
    a.assetClass === r.assetClass &&
    a.inContract === r.inContract &&
    a.parentCode === r.parentCode &&
    a.locationPath === (r.locationPath ? joinLocationPath(r.locationPath) : null) &&
    a.manufacturer === r.manufacturer &&
    a.model === r.model &&
    a.serialNumber === r.serialNumber &&
    a.yearBuilt === r.yearBuilt &&
    a.warrantyUntil === r.warrantyUntil &&
    a.redundancyGroup === r.redundancyGroup &&
    attrs(a.attributes) === attrs(r.attributes)
  );
}
