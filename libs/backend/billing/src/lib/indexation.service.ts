import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IndexationPreviewView, PriceVersionView } from '@leitstand/api-contracts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  type AuthUser,
  type Role,
} from '@leitstand/backend/core';
import {
  ContractInputInvalidError,
  isCivilDate,
  previewIndexation,
  type IndexationClause,
  type IndexSeries,
} from '@leitstand/domain';
import type { PutIndexSeriesDto } from './indexation.dto';

const READERS: readonly Role[] = ['admin', 'agent', 'manager'];
const APPROVERS: readonly Role[] = ['admin', 'manager'];
const KEY = /^[a-z0-9][a-z0-9-]{0,79}$/;

export interface IndexSeriesView extends IndexSeries {
  readonly version: number;
}

export type { IndexationPreviewView, PriceVersionView };

interface ContractRow {
  id: string;
  tenant_id: string;
  annual_volume: string;
  indexation: IndexationClause | null;
}

interface VersionRow {
  id: string;
  contract_id: string;
  valid_from: string;
  base_volume: string;
  annual_volume: string;
  factor: string;
  preview: IndexationPreviewView;
  approved_by: string;
  approved_at: Date;
}

/**
 * Indexation (issue 16): index series as data, the preview of a contract's indexation on its reference date
 * (P1 = P0 × (a + b·L1/L0 + c·M1/M0), caps, correction factor; every index value cited), and its approval
 * as a new price version of the contract. Series: everyone on the provider's staff reads, admins write.
 * Previews: admins, agents and managers of the tenant; approvals: admins and managers. Customers 403.
 */
@Injectable()
export class IndexationService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async listSeries(user: AuthUser): Promise<{ items: IndexSeriesView[] }> {
    assertRole(user, READERS);
    return { items: await this.seriesOf(this.dataSource.manager, null) };
  }

  async getSeries(user: AuthUser, key: string): Promise<IndexSeriesView> {
    assertRole(user, READERS);
    const s = KEY.test(key) ? await this.series(this.dataSource.manager, key) : undefined;
    if (!s) throw new NotFoundError('index series', key);
    return s;
  }

  /** Creates (If-Match "0") or replaces (If-Match of the stored version) a series with all its values. */
  async putSeries(user: AuthUser, key: string, expected: number, input: PutIndexSeriesDto): Promise<IndexSeriesView> {
    assertRole(user, ['admin']);
    if (!KEY.test(key)) throw InvalidInputError.of('key', 'key must be lower-case letters, digits and dashes (≤ 80)');
    const problems = input.points.flatMap((p, i) =>
      isCivilDate(p.publishedOn)
        ? []
        : [{ field: `points.${i}.publishedOn`, messages: ['publishedOn is no calendar date'] }],
    );
    const periods = new Set<string>();
    input.points.forEach((p, i) => {
      if (periods.has(p.period)) {
        problems.push({ field: `points.${i}.period`, messages: [`period ${p.period} appears twice`] });
      }
      periods.add(p.period);
    });
    if (problems.length > 0) throw new InvalidInputError(problems);
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(`SELECT version FROM index_series WHERE key = $1 FOR UPDATE`, [key])) as Array<{
        version: number;
      }>;
      const current = row?.version ?? 0;
      if (current !== expected) throw new PreconditionFailedError(expected, current);
      if (row === undefined) {
        const inserted = (await m.query(
          `INSERT INTO index_series (key, name, source, base_year) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key) DO NOTHING RETURNING key`,
          [key, input.name.trim(), input.source.trim(), input.baseYear],
        )) as unknown[];
        if (inserted.length === 0) throw new PreconditionFailedError(expected, expected + 1);
      } else {
        await m.query(
          `WITH u AS (UPDATE index_series SET name = $2, source = $3, base_year = $4, version = version + 1, updated_at = now()
                       WHERE key = $1 RETURNING key) SELECT key FROM u`,
          [key, input.name.trim(), input.source.trim(), input.baseYear],
        );
        await m.query(`DELETE FROM index_values WHERE series_key = $1`, [key]);
      }
      if (input.points.length > 0) {
        await m.query(
          `INSERT INTO index_values (series_key, period, value, published_on, rebasing_factor)
           SELECT $1, u.period, u.value, u.published_on, u.factor
             FROM unnest($2::text[], $3::numeric[], $4::date[], $5::numeric[]) AS u(period, value, published_on, factor)`,
          [
            key,
            input.points.map((p) => p.period),
            input.points.map((p) => p.value),
            input.points.map((p) => p.publishedOn),
            input.points.map((p) => p.rebasingFactor ?? '1'),
          ],
        );
      }
      const saved = await this.series(m, key);
      if (!saved) throw new NotFoundError('index series', key);
      return saved;
    });
  }

  async preview(user: AuthUser, contractId: string, on: unknown): Promise<IndexationPreviewView> {
    assertRole(user, READERS);
    if (typeof on !== 'string' || !isCivilDate(on)) throw InvalidInputError.of('on', "on must be a date 'YYYY-MM-DD'");
    const contract = await this.contract(user, contractId);
    return this.compute(this.dataSource.manager, contract, on);
  }

  /** Approves the indexation on `on` as the contract's price version from that date (409 if one exists). */
  async approve(user: AuthUser, contractId: string, on: string): Promise<PriceVersionView> {
    assertRole(user, APPROVERS);
    if (!isCivilDate(on)) throw InvalidInputError.of('on', "on must be a date 'YYYY-MM-DD'");
    const contract = await this.contract(user, contractId);
    return this.dataSource.transaction(async (m) => {
      // one approval at a time per contract: the preview's P0 is the latest version before `on`
      await m.query(`SELECT id FROM contracts WHERE id = $1 FOR UPDATE`, [contract.id]);
      const preview = await this.compute(m, contract, on);
      const [row] = (await m.query(
        `INSERT INTO contract_price_versions (contract_id, valid_from, base_volume, annual_volume, factor, preview, approved_by)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (contract_id, valid_from) DO NOTHING
         RETURNING id, contract_id, valid_from::text AS valid_from, base_volume::text AS base_volume,
                   annual_volume::text AS annual_volume, factor, preview, approved_by, approved_at`,
        [contract.id, on, preview.basePrice, preview.indexedPrice, preview.factor, JSON.stringify(preview), user.id],
      )) as VersionRow[];
      if (!row) {
        throw new ConflictError(`the contract has a price version from ${on} already`, { field: 'on' });
      }
      return toVersionView(row);
    });
  }

  async priceVersions(user: AuthUser, contractId: string): Promise<{ items: PriceVersionView[] }> {
    assertRole(user, READERS);
    const contract = await this.contract(user, contractId);
    const rows = (await this.dataSource.query(
      `SELECT id, contract_id, valid_from::text AS valid_from, base_volume::text AS base_volume,
              annual_volume::text AS annual_volume, factor, preview, approved_by, approved_at
         FROM contract_price_versions WHERE contract_id = $1 ORDER BY valid_from`,
      [contract.id],
    )) as VersionRow[];
    return { items: rows.map(toVersionView) };
  }

  private async compute(m: EntityManager, contract: ContractRow, on: string): Promise<IndexationPreviewView> {
    const clause = contract.indexation;
    if (clause === null) throw InvalidInputError.of('indexation', 'the contract has no indexation clause');
    const missing = (['labourSeries', 'materialSeries', 'basePeriod'] as const).filter((k) => clause[k] === undefined);
    if (missing.length > 0) {
      throw new InvalidInputError(
        missing.map((k) => ({ field: `indexation.${k}`, messages: [`the indexation clause names no ${k}`] })),
      );
    }
    const found = await this.seriesOf(m, [clause.labourSeries ?? '', clause.materialSeries ?? '']);
    const labour = found.find((s) => s.key === clause.labourSeries);
    const material = found.find((s) => s.key === clause.materialSeries);
    if (!labour || !material) {
      throw new InvalidInputError([
        ...(labour
          ? []
          : [{ field: 'indexation.labourSeries', messages: [`no index series '${clause.labourSeries ?? ''}'`] }]),
        ...(material
          ? []
          : [{ field: 'indexation.materialSeries', messages: [`no index series '${clause.materialSeries ?? ''}'`] }]),
      ]);
    }
    const [before] = (await m.query(
      `SELECT valid_from::text AS valid_from, annual_volume::text AS annual_volume, preview FROM contract_price_versions
        WHERE contract_id = $1 AND valid_from < $2 ORDER BY valid_from DESC LIMIT 1`,
      [contract.id, on],
    )) as Array<{ valid_from: string; annual_volume: string; preview: IndexationPreviewView }>;
    try {
      const preview = previewIndexation({
        basePrice: before?.annual_volume ?? contract.annual_volume,
        clause,
        labour,
        material,
        on,
        // the next indexation starts from the values the last approved one used as current
        ...(before === undefined
          ? {}
          : {
              basePeriods: {
                labour: before.preview.cited.labour.current.period,
                material: before.preview.cited.material.current.period,
              },
            }),
      });
      return {
        contractId: contract.id,
        basedOn: before ? { kind: 'price-version', validFrom: before.valid_from } : { kind: 'contract' },
        ...preview,
      };
    } catch (error) {
      if (error instanceof ContractInputInvalidError) {
        throw new InvalidInputError(error.issues.map((i) => ({ field: i.path, messages: [i.message] })));
      }
      throw error;
    }
  }

  private async contract(user: AuthUser, contractId: string): Promise<ContractRow> {
    const [row] = isUuid(contractId)
      ? ((await this.dataSource.query(
          `SELECT id, tenant_id, annual_volume::text AS annual_volume, indexation FROM contracts WHERE id = $1`,
          [contractId],
        )) as ContractRow[])
      : [];
    if (!row || !canSeeTenant(user, row.tenant_id)) throw new NotFoundError('contract', contractId);
    return row;
  }

  private async series(m: EntityManager, key: string): Promise<IndexSeriesView | undefined> {
    return (await this.seriesOf(m, [key]))[0];
  }

  /** The series of `keys` (every series for null), by key, with their values: two queries whatever the count. */
  private async seriesOf(m: EntityManager, keys: readonly string[] | null): Promise<IndexSeriesView[]> {
    const series = (await m.query(
      `SELECT key, name, source, base_year, version FROM index_series
        WHERE $1::text[] IS NULL OR key = ANY($1::text[]) ORDER BY key`,
      [keys],
    )) as Array<{ key: string; name: string; source: string; base_year: number; version: number }>;
    if (series.length === 0) return [];
    const points = (await m.query(
      `SELECT series_key, period, value::text AS value, published_on::text AS published_on,
              rebasing_factor::text AS rebasing_factor
         FROM index_values WHERE series_key = ANY($1::text[]) ORDER BY series_key, period`,
      [series.map((s) => s.key)],
    )) as Array<{ series_key: string; period: string; value: string; published_on: string; rebasing_factor: string }>;
    return series.map((s) => ({
      key: s.key,
      name: s.name,
      source: s.source,
      baseYear: s.base_year,
      version: s.version,
      points: points
        .filter((p) => p.series_key === s.key)
        .map((p) => ({
          period: p.period,
          value: trimZeros(p.value),
          publishedOn: p.published_on,
          rebasingFactor: trimZeros(p.rebasing_factor),
        })),
    }));
  }
}

function assertRole(user: AuthUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw new ForbiddenError(`role ${user.role} may not do this`);
}

/** numeric text "104.0000" → "104". */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function toVersionView(r: VersionRow): PriceVersionView {
  return {
    id: r.id,
    contractId: r.contract_id,
    validFrom: r.valid_from,
    baseVolume: r.base_volume,
    annualVolume: r.annual_volume,
    factor: r.factor,
    preview: r.preview,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at.toISOString(),
  };
}
