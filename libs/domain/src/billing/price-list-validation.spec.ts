import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PriceListInvalidError, ServiceReportInvalidError } from './price-list.errors';
import { parsePriceList } from './price-list.parser';
import { priceServiceReport } from './service-report.pricing';

type Json = Record<string, unknown>;

/** Sets (or with `undefined` deletes) the value at a JSON path like 'roles[4].hourlyRate'. */
function set(root: Json, jsonPath: string, value: unknown): void {
  const keys = jsonPath.replace(/\[(\d+)\]/g, '.$1').split('.');
  let target: unknown = root;
  for (const key of keys.slice(0, -1)) {
    target = (target as Record<string, unknown>)[key];
  }
  const last = keys[keys.length - 1] ?? '';
  if (value === undefined) {
    delete (target as Record<string, unknown>)[last];
  } else {
    (target as Record<string, unknown>)[last] = value;
  }
}
const file = path.join(__dirname, '../../../demo-data/data/price-lists/seed-004-itk-service-price-list.json');
const fresh = (): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

function issuesOf(mutate: (j: Json) => void): { path: string; message: string; hint?: string }[] {
  const json = fresh();
  mutate(json);
  try {
    parsePriceList(json);
  } catch (e) {
    if (e instanceof PriceListInvalidError) {
      return [...e.issues];
    }
    throw e;
  }
  throw new Error('expected the price list to be rejected');
}

describe('price list validation — rejects with what and where', () => {
  it('accepts both shipped seed price lists', () => {
    expect(() => parsePriceList(fresh())).not.toThrow();
  });

  it('negative rates', () => {
    expect(issuesOf((j) => set(j, 'roles[4].hourlyRate', '-52.00'))).toEqual([
      { path: 'roles[4].hourlyRate', message: 'an hourly rate must not be negative, got -52.00' },
    ]);
  });

  it('amounts written as JSON numbers (floats) instead of decimal strings', () => {
    expect(issuesOf((j) => set(j, 'fees.quote.amount', 30))).toEqual([
      {
        path: 'fees.quote.amount',
        message: 'expected a decimal string such as "82.50", got the JSON number 30',
        hint: 'write it as a string: "30"',
      },
    ]);
  });

  it('unknown roles referenced by a catalog item', () => {
    const issues = issuesOf((j) => set(j, 'catalog[9].fallbackRoleId', 'foreman'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('catalog[9].fallbackRoleId');
    expect(issues[0]?.message).toMatch(/^unknown role 'foreman' \(known roles: assembly-trainee, /);
  });

  it('a band outside 00:00–24:00', () => {
    expect(issuesOf((j) => set(j, 'timeBands[2].windows[1].to', '25:00'))[0]).toEqual({
      path: 'timeBands[2].windows[1].to',
      message: '\'25:00\' is outside 00:00–24:00 (expected a local time "HH:MM" between 00:00 and 24:00)',
    });
    expect(issuesOf((j) => set(j, 'timeBands[0].windows[0].from', '-01:00'))[0]?.path).toBe(
      'timeBands[0].windows[0].from',
    );
  });

  it('a window that crosses midnight must be split', () => {
    const issues = issuesOf((j) => {
      set(j, 'timeBands[3].windows[1]', { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '21:00', to: '06:00' });
    });
    expect(issues[0]).toEqual({
      path: 'timeBands[3].windows[1].to',
      message: 'window 21:00–06:00 ends before it starts',
      hint: 'a window that crosses midnight must be split: 21:00–24:00 and 00:00–06:00 on the following day',
    });
  });

  it('time bands with a gap', () => {
    expect(issuesOf((j) => set(j, 'timeBands[1].windows[0].to', '14:00'))).toEqual([
      {
        path: 'timeBands',
        message: 'gap: Sat 14:00–15:00 is not covered by any time band',
        hint: 'add a window { "days": ["sat"], "from": "14:00", "to": "15:00" } to the band that applies then',
      },
    ]);
  });

  it('time bands with an overlap', () => {
    expect(issuesOf((j) => set(j, 'timeBands[2].windows[1].from', '17:00'))).toEqual([
      {
        path: 'timeBands[2].windows[1]',
        message:
          "overlap: Mon, Tue, Wed, Thu, Fri 17:00–18:00 is covered by band 'early-late-shift' and by timeBands[0].windows[0] (band 'regular')",
        hint: 'shorten one of the two windows so that they only touch at 17:00 or 18:00',
      },
    ]);
  });

  it('tiers with an overlap', () => {
    expect(issuesOf((j) => set(j, 'material.overheadTiers[3].fromPrice', '2.50'))).toEqual([
      {
        path: 'material.overheadTiers[3].fromPrice',
        message: 'overlap: 2.50–3.00 € is covered by tier 2 and tier 3',
        hint: 'set material.overheadTiers[3].fromPrice to "3.01" (or lower material.overheadTiers[2].toPrice)',
      },
    ]);
  });

  it('tiers with a gap (the raw seed 004 overhead table)', () => {
    expect(issuesOf((j) => set(j, 'material.overheadTiers[7].fromPrice', '21.01'))[0]?.message).toBe(
      'gap: 20.01–21.00 € is not covered by any tier (tier 6 ends at 20.00 €, tier 7 starts at 21.01 €)',
    );
  });

  it('distance bands with a gap', () => {
    const json = JSON.parse(
      readFileSync(
        path.join(__dirname, '../../../demo-data/data/price-lists/seed-003-service-price-list.json'),
        'utf8',
      ),
    ) as Json;
    set(json, 'travel.distance.bands[2].fromKm', '17');
    expect(() => parsePriceList(json)).toThrow(
      'travel.distance.bands[2].fromKm: gap: 16–16 km is not covered by any tier (tier 1 ends at 15 km, tier 2 starts at 17 km)',
    );
  });

  it('an overhead table without an open end', () => {
    expect(issuesOf((j) => set(j, 'material.overheadTiers[11].toPrice', '1000.00'))).toEqual([
      {
        path: 'material.overheadTiers[11].toPrice',
        message: 'values above 1000.00 € are not covered by any tier',
        hint: 'set material.overheadTiers[11].toPrice to null (open end) or add a final open tier',
      },
    ]);
  });

  it('a printed gross that does not match net + VAT', () => {
    expect(issuesOf((j) => set(j, 'catalog[0].gross', '59.60'))).toEqual([
      {
        path: 'catalog[0].gross',
        message: 'gross 59.60 does not match net 50.00 + 19 % VAT = 59.50',
        hint: 'set it to "59.50" or correct the net price',
      },
    ]);
  });

  it('duplicate ids, unknown fields and missing fields — every problem at once', () => {
    const issues = issuesOf((j) => {
      set(j, 'roles[1].id', 'assembly-trainee');
      set(j, 'roles[0].hourlyRates', '1.00');
      set(j, 'vatPercent', undefined);
    });
    expect(issues.map((i) => i.path)).toEqual(['vatPercent', 'roles[0].hourlyRates', 'roles[1].id']);
    expect(issues[2]?.message).toBe("duplicate role id 'assembly-trainee' (already used at roles[0].id)");
  });

  it('the error message lists every problem with its path', () => {
    const json = fresh();
    set(json, 'roles[0].hourlyRate', '-1');
    set(json, 'material.overheadTiers[7].fromPrice', '21.01');
    expect(() => parsePriceList(json)).toThrow(
      /price list is invalid \(2 problems\):\n- roles\[0\]\.hourlyRate: .*\n- material\.overheadTiers\[7\]\.fromPrice: gap: 20\.01–21\.00 €/,
    );
  });
});

describe('service report validation', () => {
  const list = parsePriceList(fresh());
  const site = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' };
  const flags = { emergency: false, underMaintenanceContract: false, inScope: false };

  it('rejects unknown roles, reversed intervals, bad amounts, unknown zones and discounts — with paths', () => {
    let error: unknown;
    try {
      priceServiceReport(
        {
          orderId: 'x',
          work: [
            {
              workerId: 'w1',
              roleId: 'foreman',
              kind: 'on-site',
              start: '2024-03-18T09:00:00Z',
              end: '2024-03-18T10:00:00Z',
            },
            {
              workerId: 'w1',
              roleId: 'service-technician',
              kind: 'on-site',
              start: '2024-03-18T10:00:00Z',
              end: '2024-03-18T09:00:00Z',
            },
          ],
          materials: [{ description: 'Teil', netUnitPrice: '4,90', quantity: '1' }],
          travel: { method: 'zone', zoneId: '9' },
          discounts: ['loyalty'],
          flags,
        },
        list,
        site,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServiceReportInvalidError);
    expect((error as ServiceReportInvalidError).issues.map((i) => i.path)).toEqual([
      'work[0].roleId',
      'work[1].end',
      'travel.zoneId',
      'materials[0].netUnitPrice',
      'discounts[0]',
    ]);
  });

  it('rejects an unknown time zone', () => {
    expect(() =>
      priceServiceReport({ orderId: 'x', work: [], flags }, list, { timeZone: 'Mars/Olympus', holidayRegion: 'DE-BW' }),
    ).toThrow("timeZone: unknown IANA time zone 'Mars/Olympus'");
  });
});
