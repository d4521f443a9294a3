import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { Dec } from '../money/decimal';
import { ServiceReportInvalidError } from './price-list.errors';
import { parsePriceList } from './price-list.parser';
import { priceServiceReport } from './service-report.pricing';
import type { MaterialUse, ServiceReport } from './service-report.types';

const priceList = parsePriceList(
  JSON.parse(
    readFileSync(
      path.join(__dirname, '../../../demo-data/data/price-lists/seed-004-itk-service-price-list.json'),
      'utf8',
    ),
  ),
);
const site = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' };

function report(materials: readonly MaterialUse[]): ServiceReport {
  return {
    orderId: 'memo',
    work: [
      {
        workerId: 'w1',
        roleId: 'service-technician',
        kind: 'on-site',
        start: '2024-03-18T09:00:00Z',
        end: '2024-03-18T10:10:00Z',
      },
    ],
    materials,
    discounts: ['cash'],
    flags: { emergency: false, underMaintenanceContract: false, inScope: false },
  };
}

// few distinct prices and quantities, so that the memo is hit within and across reports
const part = fc.record({
  description: fc.constantFrom('Dübel', 'TAE-Dose', 'Patchkabel'),
  netUnitPrice: fc.constantFrom('0.40', '4.90', '15.00', '20.01', '20.50', '120.00', '0.855'),
  quantity: fc.constantFrom('1', '2', '12', '25.5', '0.333'),
  unit: fc.constantFrom(undefined, 'm', 'Stk'),
});
const material = part.map(({ unit, ...m }): MaterialUse => (unit === undefined ? m : { ...m, unit }));

describe('material memo', () => {
  it('prices exactly as without the memo, across reports that repeat parts', () => {
    fc.assert(
      fc.property(fc.array(fc.array(material, { maxLength: 6 }), { minLength: 1, maxLength: 5 }), (reports) => {
        for (const materials of reports) {
          const withMemo = priceServiceReport(report(materials), priceList, site);
          const without = priceServiceReport(report(materials), priceList, site, { materialMemo: false });
          expect(withMemo).toEqual(without);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the description and position of each use', () => {
    const r = priceServiceReport(
      report([
        { description: 'Dübel', netUnitPrice: '0.40', quantity: '12' },
        { description: 'Schraube', netUnitPrice: '0.40', quantity: '12' },
      ]),
      priceList,
      site,
    );
    const lines = r.lines.filter((l) => l.category === 'material');
    expect(lines.map((l) => l.key)).toEqual(['material/0', 'material/1']);
    expect(lines.map((l) => l.explanation)).toEqual([
      '12,00 Stk Dübel à 0,40 € + 500,00 % Gemeinkostenzuschlag = 2,40 €/Stk',
      '12,00 Stk Schraube à 0,40 € + 500,00 % Gemeinkostenzuschlag = 2,40 €/Stk',
    ]);
    expect(lines.map((l) => l.amount)).toEqual(['28.80', '28.80']);
  });

  it('stays correct when more distinct parts are priced than the memo holds', () => {
    const many = Array.from({ length: 5000 }, (_, i): MaterialUse => {
      const cents = 100 + i;
      return { description: `Teil ${i}`, netUnitPrice: new Dec(cents).div(100).toFixed(2), quantity: '3' };
    });
    for (let i = 0; i < many.length; i += 250) {
      const chunk = many.slice(i, i + 250);
      expect(priceServiceReport(report(chunk), priceList, site)).toEqual(
        priceServiceReport(report(chunk), priceList, site, { materialMemo: false }),
      );
    }
  });

  it('never lets an invalid quantity hit a memo entry of a valid one', () => {
    // key 'price|quantity|unit' of a valid use …
    priceServiceReport(
      report([{ description: 'a', netUnitPrice: '1.00', quantity: '2', unit: '3|m' }]),
      priceList,
      site,
    );
    // … equals the key of this invalid use ('2|3' is no decimal): it must still be rejected
    expect(() =>
      priceServiceReport(
        report([{ description: 'b', netUnitPrice: '1.00', quantity: '2|3', unit: 'm' }]),
        priceList,
        site,
      ),
    ).toThrow(ServiceReportInvalidError);
  });
});
