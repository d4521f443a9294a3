import { ID_PATTERN } from '../money/data-issues';
import { isDecimalString } from '../money/decimal';
import { cadenceFromTimesPerYear } from './cadence';
import type { Cadence } from './maintenance.types';
import { MAINTENANCE_TASKS, MAINTENANCE_TRADES, findTask, findTrade } from './task-catalogue';

const perYear = (n: number): Cadence => cadenceFromTimesPerYear(n);
const years = (every: number): Cadence => ({ every, unit: 'year' });

describe('the task catalogue is consistent data', () => {
  it('keys are unique kebab-case ids; checklist keys unique per task; texts in German and English', () => {
    expect(new Set(MAINTENANCE_TASKS.map((t) => t.key)).size).toBe(MAINTENANCE_TASKS.length);
    for (const t of MAINTENANCE_TASKS) {
      expect(t.key).toMatch(ID_PATTERN);
      expect(findTrade(t.trade)).toBeDefined();
      expect(t.title.de.trim()).not.toBe('');
      expect(t.title.en.trim()).not.toBe('');
      expect(t.basis.trim()).not.toBe('');
      expect(t.checklist.length).toBeGreaterThan(0);
      expect(new Set(t.checklist.map((i) => i.key)).size).toBe(t.checklist.length);
      for (const item of t.checklist) {
        expect(item.key).toMatch(ID_PATTERN);
        expect(item.label.de.trim()).not.toBe('');
        expect(item.label.en.trim()).not.toBe('');
        expect(item.kind === 'value' || (item.unit === undefined && item.limits === undefined)).toBe(true);
        for (const bound of [item.limits?.min, item.limits?.max]) {
          expect(bound === undefined || isDecimalString(bound)).toBe(true);
        }
      }
    }
  });

  it('is frozen: a request cannot change the catalogue for everyone', () => {
    const t = findTask('elevator-maintenance');
    expect(Object.isFrozen(MAINTENANCE_TASKS)).toBe(true);
    expect(Object.isFrozen(t?.checklist[0]?.label)).toBe(true);
    expect(Object.isFrozen(MAINTENANCE_TRADES[0])).toBe(true);
  });

  it('every trade has tasks; statutory tests need the §17 record; approved-body work is statutory', () => {
    for (const trade of MAINTENANCE_TRADES) {
      expect(MAINTENANCE_TASKS.some((t) => t.trade === trade.key)).toBe(true);
    }
    for (const t of MAINTENANCE_TASKS) {
      if (t.kind === 'statutory-test') {
        expect(t.statutory).toBe(true);
        expect(t.evidence).toContain('inspection-record');
        expect(t.defaultAnchor).toBe('statutory');
      }
      if (t.performer === 'approved-body') {
        expect(t.kind).toBe('statutory-test');
      }
    }
  });
});

describe('it covers every trade and cadence of seed 002 (Gewerkespezifisches Jahresbudget)', () => {
  it.each([
    // [task, trade, cadence, the seed's words]
    ['ga-software-update', 'building-automation', perYear(1), '1 Gebäudeautomation: Software-Update 1×/a'],
    ['msr-sensor-calibration', 'msr', perYear(1), '2 MSR: Sensor-Kalibrierung 1×/a'],
    ['elevator-maintenance', 'elevators', perYear(6), '3 Aufzüge: 6× Wartung'],
    ['elevator-statutory-inspection', 'elevators', years(2), '3 Aufzüge: TÜV alle 2 J'],
    ['fire-alarm-service', 'fire-protection', perYear(2), '4 Brandschutz: BMA 2×/a'],
    ['smoke-extraction-service', 'fire-protection', perYear(1), '4 Brandschutz: RWA 1×/a'],
    ['fire-door-inspection', 'fire-protection', perYear(1), '4 Brandschutz: Türen 1×/a'],
    ['compressor-service', 'compressed-air', perYear(3), '5 Druckluft: Kompressor-Service 3×/a'],
    ['compressed-air-leak-audit', 'compressed-air', perYear(2), '5 Druckluft: Leckage-Audit 2×/a'],
    ['dguv-device-test', 'electrical-safety', years(2), '6 Elektrische Sicherheit: Prüfzyklus 2 J komplett'],
    ['thermography', 'electrical-safety', perYear(1), '6 Elektrische Sicherheit: Thermografie jährlich'],
    ['mv-switchgear-test', 'electrical', years(4), '7 Elektrotechnik: MS-Schaltwerk 4-jährl.'],
    ['main-distribution-test', 'electrical', perYear(1), '7 Elektrotechnik: NSHV jährlich'],
    ['ups-service', 'electrical', perYear(1), '7 Elektrotechnik: USV jährlich'],
    ['generator-test-run', 'power-generation', perYear(12), '8 Energieerzeugung: Diesel-NEA Monatslauf'],
    ['generator-service', 'power-generation', perYear(1), '8 Energieerzeugung: Diesel-NEA Wartung'],
    ['pv-service', 'power-generation', perYear(1), '8 Energieerzeugung: PV-Service'],
    ['energy-monthly-report', 'energy-management', perYear(12), '9 Energiemanagement: Monatsreport'],
    ['energy-iso50001-review', 'energy-management', perYear(1), '9 Energiemanagement: ISO 50001'],
    ['coolant-check', 'fluid-management', perYear(52), '10 Fluidmanagement: KSS-Kontrolle wöchentlich'],
    ['hydraulics-monitoring', 'fluid-management', perYear(12), '10 Fluidmanagement: Hydraulik-Monitoring'],
    ['gas-line-tightness', 'technical-gases', perYear(1), '11 Technische Gase: Leitungs-Dichtheit 1×/a'],
    ['gas-detector-calibration', 'technical-gases', perYear(1), '11 Technische Gase: Gaswarn-Kalibrierung'],
    ['boiler-burner-service', 'heating', perYear(1), '12 Heiztechnik: Kessel-/Brenner-Service 1×/a'],
    ['chimney-sweep-measurement', 'heating', perYear(1), '12 Heiztechnik: Schorni jährl.'],
    ['crane-annual-inspection', 'cranes', perYear(1), '13 Krananlagen: UVV 1×/a'],
    ['lighting-maintenance', 'lighting', perYear(1), '14 Licht: Gruppentausch · Reinigung'],
    ['emergency-lighting-function-test', 'lighting', perYear(12), '14 Licht: Notlichttests'],
    [
      'safety-systems-expert-inspection',
      'safety-systems-inspection',
      perYear(1),
      '15 PVO: Jahres-Sachverständigenprüfung',
    ],
    ['ahu-filter-change', 'hvac-refrigeration', perYear(6), '16 RLT: Filter Halle 6×/a'],
    ['ahu-hygiene-inspection', 'hvac-refrigeration', perYear(1), '16 RLT: Hygiene VDI 6022 jährl.'],
    ['refrigerant-leak-test', 'hvac-refrigeration', perYear(2), '16 Kälte: Dichtigkeit 2×/a'],
    ['grease-separator-service', 'sanitary', perYear(4), '17 Sanitär: Fettabscheider 4×/a'],
    ['lifting-station-service', 'sanitary', perYear(1), '17 Sanitär: Hebeanlagen 1×/a'],
    ['intrusion-alarm-service', 'security', perYear(1), '18 Sicherheitstechnik: EMA-Service 1×/a'],
    ['cctv-cleaning', 'security', perYear(2), '18 Sicherheitstechnik: CCTV-Reinigung 2×/a'],
    ['sprinkler-service', 'sprinkler', perYear(2), '19 Sprinkler: Wartung 2×/a'],
    ['sprinkler-pump-test', 'sprinkler', perYear(12), '19 Sprinkler: Pumpentest mtl.'],
    ['sprinkler-vds-inspection', 'sprinkler', perYear(1), '19 Sprinkler: VdS jährl.'],
    ['legionella-sampling', 'drinking-water', perYear(1), '20 Trinkwasser: Legionellenprobe 1×/a'],
    ['stagnation-flushing', 'drinking-water', perYear(52), '20 Trinkwasser: Stagnationsspülung wtl.'],
    ['wayfinding-check', 'wayfinding', perYear(1), '21 Wegeleitsystem: Schilder-Check 1×/a'],
    ['access-control-service', 'access-control', perYear(1), '22 Zutrittskontrolle: Leser-Service 1×/a'],
  ] as const)('%s (%s) %j — %s', (key, trade, cadence, _seed: string) => {
    const t = findTask(key);
    expect(t).toMatchObject({ trade, defaultCadence: cadence });
  });

  it('the approved body performs the lift inspections (with the intermediate one), the PrüfVO and VdS tests', () => {
    expect(findTask('elevator-statutory-inspection')).toMatchObject({
      performer: 'approved-body',
      statutory: true,
      defaultAnchor: 'statutory',
      intermediate: true,
      basis: expect.stringContaining('BetrSichV'),
    });
    expect(findTask('safety-systems-expert-inspection')?.performer).toBe('approved-body');
    expect(findTask('sprinkler-vds-inspection')?.performer).toBe('approved-body');
    expect(findTask('elevator-maintenance')).toMatchObject({
      basis: expect.stringContaining('DIN EN 13015'),
      performer: 'provider',
    });
  });

  it('seed 000: weekly and monthly backup checks, yearly device cleaning, monthly lens cleaning', () => {
    expect(findTask('it-backup-check-weekly')?.defaultCadence).toEqual(perYear(52));
    expect(findTask('it-backup-check-monthly')?.defaultCadence).toEqual(perYear(12));
    expect(findTask('it-device-cleaning')?.defaultCadence).toEqual(perYear(1));
    expect(findTask('it-camera-lens-cleaning')?.defaultCadence).toEqual(perYear(12));
  });
});
