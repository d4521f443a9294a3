import type { AssetClass, AssetView } from '@leitstand/api-contracts';

/**
 * The asset register's SQL: one SELECT for list, detail and export (the asset with its location
 * path from the three location levels), and the search expression that ix_assets_search_trgm
 * indexes (migration 1795330000000; keep the two identical or the planner ignores the index).
 */
export const ASSET_SEARCH_EXPR = `(a.code || chr(31) || a.name || chr(31) || coalesce(a.manufacturer, '') || chr(31) || coalesce(a.serial_number, '') || chr(31) || a.trade)`;

export const ASSET_SELECT = `SELECT a.id, a.tenant_id, a.site_id, a.parent_id, a.code, a.name, a.trade, a.asset_class,
       a.in_contract, a.location_id, a.manufacturer, a.model, a.serial_number, a.year_built,
       to_char(a.warranty_until, 'YYYY-MM-DD') AS warranty_until, a.attributes, a.redundancy_group,
       a.created_at, a.version,
       CASE WHEN a.location_id IS NULL THEN NULL ELSE concat_ws(' / ', l3.name, l2.name, l1.name) END AS location_path
  FROM assets a
  LEFT JOIN locations l1 ON l1.id = a.location_id
  LEFT JOIN locations l2 ON l2.id = l1.parent_id
  LEFT JOIN locations l3 ON l3.id = l2.parent_id`;

export interface AssetRow {
  id: string;
  tenant_id: string;
  site_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  trade: string;
  asset_class: AssetClass;
  in_contract: boolean;
  location_id: string | null;
  manufacturer: string | null;
  model: string | null;
  serial_number: string | null;
  year_built: number | null;
  warranty_until: string | null;
  attributes: Record<string, string> | null;
  redundancy_group: string | null;
  created_at: Date;
  version: number;
  location_path: string | null;
}

export function assetRowToView(r: AssetRow): AssetView {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    siteId: r.site_id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    trade: r.trade,
    assetClass: r.asset_class,
    inContract: r.in_contract,
    locationId: r.location_id,
    locationPath: r.location_path,
    manufacturer: r.manufacturer,
    model: r.model,
    serialNumber: r.serial_number,
    yearBuilt: r.year_built,
    warrantyUntil: r.warranty_until,
    attributes: r.attributes ?? {},
    redundancyGroup: r.redundancy_group,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

/** Collects positional parameters for hand-written SQL ($1, $2, …). */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
