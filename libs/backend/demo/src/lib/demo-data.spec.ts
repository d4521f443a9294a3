import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoDataset } from './demo-data.loader';
import { DemoRandom } from './demo-random';

const DATA_DIR = join(__dirname, '..', '..', '..', '..', 'demo-data', 'data');

describe('DemoRandom', () => {
  it('draws the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number): number[] => {
      const r = new DemoRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const x of draw(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps int() within its bounds and refuses to pick from an empty list', () => {
    const r = new DemoRandom(1);
    const ints = Array.from({ length: 500 }, () => r.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(() => r.pick([])).toThrow('pick from an empty list');
  });
});

describe('loadDemoDataset', () => {
  it('reads the seed tenants of the demo data with their sites, assets and contracts', () => {
    const data = loadDemoDataset(DATA_DIR);
    expect(data.tenants.length).toBeGreaterThanOrEqual(3);
    for (const tenant of data.tenants) {
      expect(tenant.sites.length).toBeGreaterThan(0);
      expect(tenant.assets.length).toBeGreaterThan(0);
    }
    expect(data.users.some((u) => u.role === 'admin')).toBe(true);
    expect(data.priceLists.length).toBeGreaterThan(0);
  });

  it('names the file that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-demo-'));
    try {
      cpSync(DATA_DIR, dir, { recursive: true });
      const users = join(dir, 'demo', 'users.json');
      writeFileSync(users, readFileSync(users, 'utf8').slice(0, 20));
      expect(() => loadDemoDataset(dir)).toThrow(/demo data: cannot read .*users\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
