import type { DataSource } from 'typeorm';
import { seedDemoCatalog } from './demo-catalog.seeder';
import { loadDemoDataset } from './demo-data.loader';
import { seedDemoHistory, type DemoHistoryResult } from './demo-history.seeder';
import { seedDemoMaintenance } from './demo-maintenance.seeder';
import { seedDemoPlans, type DemoPlansResult } from './demo-plans.seeder';

export interface DemoSeedResult {
  /** Catalog rows (tenants, sites, assets, price lists, contracts, users, links) inserted / updated. */
  inserted: number;
  updated: number;
  history: DemoHistoryResult;
  /** Planned maintenance windows inserted (seed-002 A-assets; none on a repeat run). */
  maintenanceWindows: number;
  /** Maintenance and inspection plans with their history (none on a repeat run). */
  plans: DemoPlansResult;
}

const DEMO_SEED_LOCK_KEY = 7_311_942_002;

/**
 * Loads the demo data set from `dataDir` (the `libs/demo-data/data` folder) into the database:
 * idempotent (natural keys, upserts; the ticket history only for tenants without tickets, the maintenance
 * plans only for tenants without requirements), in one
 * transaction under an advisory lock so two seeders never interleave. `now` anchors the history
 * (its last `months` months up to `now`); the same `now` gives the same history.
 */
export async function seedDemoData(
  dataSource: DataSource,
  options: { dataDir: string; now: Date },
): Promise<DemoSeedResult> {
  const data = loadDemoDataset(options.dataDir);
  return dataSource.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK_KEY]);
    const catalog = await seedDemoCatalog(q, data);
    const history = await seedDemoHistory(q, data, catalog.tenantIds, options.now);
    const maintenanceWindows = await seedDemoMaintenance(q, data, catalog.tenantIds, options.now);
    const plans = await seedDemoPlans(q, data, catalog.tenantIds, options.now);
    return { inserted: catalog.inserted, updated: catalog.updated, history, maintenanceWindows, plans };
  });
}
