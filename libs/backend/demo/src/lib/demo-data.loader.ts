import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BusinessCalendar,
  assertCadence,
  buildSlaMatrix,
  findTask,
  parseContractCalculation,
  parsePriceList,
  type CalendarSpec,
  type ContractCalculation,
} from '@leitstand/domain';
import type {
  DemoCalendarRef,
  DemoCallOutSpec,
  DemoCallOutsFile,
  DemoContractSpec,
  DemoIndexSeries,
  DemoDataset,
  DemoHistoryParameters,
  DemoPlansFile,
  DemoPriceList,
  DemoTenantFile,
  DemoUserSpec,
  ResolvedDemoAsset,
  ResolvedDemoContract,
  ResolvedDemoTenant,
} from './demo-data.types';

/**
 * Reads the demo data set from a `libs/demo-data/data`-shaped folder: `demo/tenants/*.json`,
 * `demo/users.json`, `demo/history.json`, `demo/maintenance.json`, `demo/call-outs.json`, `index-series/*.json`, and the seed files they refer to in `calendars/`,
 * `price-lists/` and `contracts/`. Every structured document is validated with @leitstand/domain
 * (the code that later computes with it); a bad file fails with its name and the reason.
 */
export function loadDemoDataset(dataDir: string): DemoDataset {
  const read = <T>(...parts: string[]): T => {
    const file = join(dataDir, ...parts);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (error) {
      throw new Error(`demo data: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const priceLists = new Map<string, DemoPriceList>();
  const priceListKey = (fileName: string): string => {
    const cached = priceLists.get(fileName);
    if (cached) return cached.key;
    const data = read<Record<string, unknown>>('price-lists', `${fileName}.json`);
    const parsed = parsePriceList(data);
    const entry: DemoPriceList = { key: parsed.id, name: parsed.name, validFrom: parsed.validFrom, data };
    priceLists.set(fileName, entry);
    return entry.key;
  };
  const calculations = new Map<string, ContractCalculation>();
  const calculation = (fileName: string): ContractCalculation => {
    let calc = calculations.get(fileName);
    if (!calc) {
      const raw = read<unknown>('contracts', `${fileName}.json`);
      parseContractCalculation(raw); // validates; the stored document is the file as written
      calc = raw as ContractCalculation;
      calculations.set(fileName, calc);
    }
    return calc;
  };
  const calendar = (ref: DemoCalendarRef): CalendarSpec => {
    const file = typeof ref === 'string' ? ref : ref.file;
    const spec = read<CalendarSpec>('calendars', `${file}.json`);
    return typeof ref === 'string' || !ref.holidayWindows ? spec : { ...spec, holidayWindows: ref.holidayWindows };
  };

  const tenantFiles = readdirSync(join(dataDir, 'demo', 'tenants'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  const tenants: ResolvedDemoTenant[] = tenantFiles.map((file) => {
    const t = read<DemoTenantFile>('demo', 'tenants', file);
    const contracts = t.contracts.map((entry) => {
      const spec = { ...t.contractTemplate, ...entry } as DemoContractSpec;
      try {
        return resolveContract(spec, { calendar, calculation, priceListKey }, t.sites);
      } catch (error) {
        throw new Error(
          `demo data: ${file}: contract '${spec.name}': ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    return {
      slug: t.slug,
      name: t.name,
      sites: t.sites,
      assets: expandAssets(file, t),
      contracts,
      history: t.history,
    };
  });

  const users = read<{ users: DemoUserSpec[] }>('demo', 'users.json').users;
  const slugs = new Set(tenants.map((t) => t.slug));
  for (const u of users) {
    for (const slug of [...(u.serves ?? []), ...(u.tenant ? [u.tenant] : [])]) {
      if (!slugs.has(slug)) throw new Error(`demo data: users.json: ${u.email} names unknown tenant '${slug}'`);
    }
    if ((u.role === 'customer') !== Boolean(u.tenant)) {
      throw new Error(`demo data: users.json: ${u.email}: exactly the customers have a tenant`);
    }
  }

  const plans = read<DemoPlansFile>('demo', 'maintenance.json');
  checkPlans(plans, tenants);
  const callOuts = read<DemoCallOutsFile>('demo', 'call-outs.json').callOuts;
  checkCallOuts(callOuts, tenants, users);

  const indexSeries = readdirSync(join(dataDir, 'index-series'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => read<DemoIndexSeries>('index-series', f));

  return {
    tenants,
    indexSeries,
    callOuts,
    users,
    priceLists: [...priceLists.values()],
    history: read<DemoHistoryParameters>('demo', 'history.json'),
    plans,
  };
}

/** Every call-out names a known tenant, an asset of it, a technician serving it, and a local start time. */
function checkCallOuts(
  callOuts: readonly DemoCallOutSpec[],
  tenants: readonly ResolvedDemoTenant[],
  users: readonly DemoUserSpec[],
): void {
  const keys = new Set<string>();
  callOuts.forEach((c, i) => {
    const where = `demo/call-outs.json callOuts[${i}] (${c.key})`;
    if (keys.has(c.key)) throw new Error(`${where}: duplicate key`);
    keys.add(c.key);
    const tenant = tenants.find((t) => t.slug === c.tenant);
    if (!tenant) throw new Error(`${where}: unknown tenant '${c.tenant}'`);
    if (!tenant.assets.some((a) => a.code === c.asset)) throw new Error(`${where}: unknown asset '${c.asset}'`);
    const tech = users.find((u) => u.email === c.technician);
    if (!tech || tech.role !== 'technician' || !(tech.serves ?? []).includes(c.tenant)) {
      throw new Error(`${where}: '${c.technician}' is no technician serving ${c.tenant}`);
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(c.start)) {
      throw new Error(`${where}: start must be a local 'YYYY-MM-DDTHH:mm'`);
    }
    if (c.work.length === 0 || c.work.some((w) => !(w.minutes > 0))) {
      throw new Error(`${where}: work needs positive minutes`);
    }
  });
}

/** Every requirement names a known tenant, catalogue task, assets or site of that tenant, and its anchor. */
function checkPlans(plans: DemoPlansFile, tenants: readonly ResolvedDemoTenant[]): void {
  plans.requirements.forEach((r, i) => {
    const where = `demo data: maintenance.json: requirements[${i}] (${r.tenant}/${r.task})`;
    const tenant = tenants.find((t) => t.slug === r.tenant);
    const task = findTask(r.task);
    if (tenant === undefined) throw new Error(`${where}: unknown tenant`);
    if (task === undefined) throw new Error(`${where}: unknown task`);
    if ((r.assets === undefined) === (r.selection === undefined)) {
      throw new Error(`${where}: exactly one of assets and selection`);
    }
    for (const code of r.assets ?? []) {
      if (!tenant.assets.some((a) => a.code === code)) throw new Error(`${where}: unknown asset ${code}`);
      if (r.lastTest?.[code] === undefined && r.start === undefined) {
        throw new Error(`${where}: neither a start nor the lastTest of ${code}`);
      }
    }
    if (r.selection !== undefined && !tenant.sites.some((s) => s.name === r.selection?.site)) {
      throw new Error(`${where}: unknown site '${r.selection.site}'`);
    }
    if (r.selection !== undefined && r.start === undefined) throw new Error(`${where}: start missing`);
    if (r.cadence !== undefined) assertCadence(r.cadence, `${where}: cadence`);
    if (r.fee !== undefined && !/^\d{1,10}\.\d{2}$/.test(r.fee)) throw new Error(`${where}: fee '${r.fee}'`);
  });
}

function resolveContract(
  spec: DemoContractSpec,
  refs: {
    calendar: (ref: DemoCalendarRef) => CalendarSpec;
    calculation: (fileName: string) => ContractCalculation;
    priceListKey: (fileName: string) => string;
  },
  sites: DemoTenantFile['sites'],
): ResolvedDemoContract {
  const calendars: Record<string, CalendarSpec> = {};
  for (const [key, ref] of Object.entries(spec.calendars)) calendars[key] = refs.calendar(ref);
  for (const siteName of spec.sites) {
    const site = sites.find((s) => s.name === siteName);
    if (!site) throw new Error(`unknown site '${siteName}'`);
    // The SLA matrix must build on every site's calendars (zone, the state's holidays).
    const built: Record<string, BusinessCalendar> = {};
    for (const [key, c] of Object.entries(calendars)) {
      built[key] = BusinessCalendar.fromSpec({
        ...c,
        timezone: c.timezone ?? site.timezone,
        ...(c.holidayRegion === undefined ? { holidayRegion: site.state } : {}),
      });
    }
    buildSlaMatrix(spec.slaMatrix, built);
  }
  const economics = spec.economics ? refs.calculation(spec.economics) : null;
  const fromEconomics = (value: Record<string, unknown> | null | 'from-economics', field: string) => {
    if (value !== 'from-economics') return value;
    const v = economics?.[field as keyof ContractCalculation];
    if (!v || typeof v !== 'object') throw new Error(`${field}: 'from-economics' but the calculation has none`);
    return v as unknown as Record<string, unknown>;
  };
  return {
    name: spec.name,
    type: spec.type,
    startsOn: spec.startsOn,
    endsOn: spec.endsOn ?? null,
    sites: spec.sites,
    calendars,
    slaMatrix: spec.slaMatrix,
    availabilityTargets: spec.availabilityTargets ?? {},
    availabilityBasis: spec.availabilityBasis ?? '24-7',
    bonusMalus: fromEconomics(spec.bonusMalus ?? null, 'bonusMalus'),
    priceListKey: spec.priceList ? refs.priceListKey(spec.priceList) : null,
    annualVolume: spec.annualVolume,
    indexation: fromEconomics(spec.indexation ?? null, 'indexation'),
    capexThreshold: spec.capexThreshold ?? null,
    scope: spec.scope ?? {},
    quietWarningsCalendar: spec.quietWarningsCalendar ?? null,
    economics,
  };
}

function expandAssets(file: string, t: DemoTenantFile): ResolvedDemoAsset[] {
  const assets: ResolvedDemoAsset[] = [];
  for (const a of t.assets) {
    const count = a.count ?? 1;
    for (let i = 1; i <= count; i++) {
      const fill = (s: string): string =>
        a.count === undefined ? s : s.replace('{nn}', String(i).padStart(2, '0')).replace('{n}', String(i));
      assets.push({
        code: fill(a.code),
        name: fill(a.name),
        trade: a.trade,
        assetClass: a.class,
        site: a.site,
        parent: a.parent ?? null,
        inContract: a.inContract ?? true,
      });
    }
  }
  const codes = new Set<string>();
  for (const a of assets) {
    if (codes.has(a.code)) throw new Error(`demo data: ${file}: duplicate asset code ${a.code}`);
    codes.add(a.code);
    if (!t.sites.some((s) => s.name === a.site)) throw new Error(`demo data: ${file}: ${a.code}: unknown site`);
  }
  for (const a of assets) {
    if (a.parent && !codes.has(a.parent)) throw new Error(`demo data: ${file}: ${a.code}: unknown parent`);
  }
  return assets;
}
