import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Priority } from '@leitstand/api-contracts';
import { GroupCommitQueue, preparedQuery } from '@leitstand/backend/core';
import { contractForSiteSql } from '@leitstand/backend/data-access';

/** Where a fault is reported: the site, the asset (if one was named) and the contract covering the site. */
export interface TicketPlace {
  site_id: string;
  tenant_id: string;
  site_name: string;
  state: string;
  timezone: string;
  asset_id: string | null;
  asset_tenant_id: string | null;
  asset_site_id: string | null;
  asset_name: string | null;
  asset_class: Priority | null;
  trade: string | null;
  in_contract: boolean | null;
  contract_id: string | null;
  contract_version: number | null;
}

interface PlaceQuery {
  siteId: string;
  assetId: string | null;
  at: Date;
}

/**
 * The places of many intakes in one statement: for each (site, asset or null, instant) the site, the
 * asset and the contract covering the site on its local date at that instant; a row per known site.
 */
const PLACES_SQL = `SELECT r.ord, s.id AS site_id, s.tenant_id, s.name AS site_name, s.state, s.timezone,
         a.id AS asset_id, a.tenant_id AS asset_tenant_id, a.site_id AS asset_site_id, a.name AS asset_name,
         a.asset_class, a.trade, a.in_contract, c.id AS contract_id, c.version AS contract_version
    FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS r(site_id, asset_id, at, ord)
    JOIN sites s ON s.id = r.site_id
    LEFT JOIN assets a ON a.id = r.asset_id
    LEFT JOIN LATERAL (${contractForSiteSql('s.id', '(r.at AT TIME ZONE s.timezone)::date')}) c ON true`;

/** Largest batch of place lookups in one statement. */
const PLACE_BATCH = 100;

/**
 * Looks up where a fault is reported. Lookups of concurrent intakes share one statement (batched like
 * the intake's writes: idle, a lookup runs at once; under load the lookups queued meanwhile go together),
 * so a caller reads as one ticket's story.
 */
@Injectable()
export class PlaceLookup {
  private readonly queue = new GroupCommitQueue<PlaceQuery, TicketPlace | undefined>({
    write: (queries) => this.lookup(queries),
    maxBatch: PLACE_BATCH,
  });

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The site (undefined when unknown), the asset (null columns when unknown) and the contract at `at`. */
  find(siteId: string, assetId: string | null, at: Date): Promise<TicketPlace | undefined> {
    return this.queue.submit({ siteId, assetId, at });
  }

  private async lookup(queries: readonly PlaceQuery[]): Promise<Array<TicketPlace | undefined>> {
    const rows = await preparedQuery<TicketPlace & { ord: string }>(this.dataSource, PLACES_SQL, [
      queries.map((q) => q.siteId),
      queries.map((q) => q.assetId),
      queries.map((q) => q.at),
    ]);
    const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
    return queries.map((_, i) => byOrd.get(i + 1));
  }
}
