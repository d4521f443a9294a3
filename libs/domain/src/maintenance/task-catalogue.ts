import type {
  AnchorRule,
  Cadence,
  ChecklistItemDefinition,
  EvidenceKind,
  MaintenanceKind,
  Performer,
  TaskDefinition,
  TradeDefinition,
} from './maintenance.types';

/**
 * The task catalogue, as data. Trades follow the parts of VDMA 24186 where one exists (Teil 1 air handling,
 * 2 heating, 3 refrigeration, 4 MSR/building automation, 5 electrical, 6 sanitary, 7 fire protection) and the
 * trade list of seed 002 otherwise; kinds follow DIN 31051 (inspection, maintenance) plus the statutory test.
 * VDMA 24186 names no intervals, so the default cadences come from the seeds (000 IT flat rate, 001 elevators,
 * 002 Total Technical Service) or from the rule named in `basis`; a requirement may set its own cadence.
 *
 * Value items get limits only where a rule states the threshold: protective conductor ≤ 0.3 Ω and insulation
 * ≥ 1 MΩ (DIN VDE 0701-0702), nitrite ≤ 20 mg/l (TRGS 611), no pressure drop (DVGW G 600 / TRGS 407), CO ≤
 * 1000 ppm (DVGW G 600, TRGI), ≥ 1 h rated emergency-light duration (ASR A3.4/7), cold water ≤ 25 °C (VDI/DVGW
 * 6023, DIN 1988-200), hot water ≥ 60 °C (DVGW W 551), Legionella ≤ 100 KBE/100 ml (TrinkwV Anl. 3 Teil II,
 * technical action value). Other values are recorded without a pass/fail threshold.
 */
export const MAINTENANCE_TRADES: readonly TradeDefinition[] = deepFreeze([
  { key: 'building-automation', label: { de: 'Gebäudeautomation', en: 'Building automation' }, vdma: 'VDMA 24186-4' },
  {
    key: 'msr',
    label: { de: 'Mess-, Steuer- und Regelungstechnik', en: 'Instrumentation and control' },
    vdma: 'VDMA 24186-4',
  },
  { key: 'elevators', label: { de: 'Aufzüge', en: 'Elevators' } },
  {
    key: 'fire-protection',
    label: { de: 'Brandschutz (BMA / RWA / Türen)', en: 'Fire protection (alarm, smoke extraction, doors)' },
    vdma: 'VDMA 24186-7',
  },
  { key: 'compressed-air', label: { de: 'Druckluft', en: 'Compressed air' } },
  {
    key: 'electrical-safety',
    label: { de: 'Elektrische Sicherheit (DGUV)', en: 'Electrical safety (DGUV)' },
    vdma: 'VDMA 24186-5',
  },
  { key: 'electrical', label: { de: 'Elektrotechnik', en: 'Electrical installations' }, vdma: 'VDMA 24186-5' },
  {
    key: 'power-generation',
    label: { de: 'Energieerzeugung (PV + NEA)', en: 'Power generation (PV + standby generator)' },
    vdma: 'VDMA 24186-5',
  },
  { key: 'energy-management', label: { de: 'Energiemanagement', en: 'Energy management' } },
  { key: 'fluid-management', label: { de: 'Fluidmanagement', en: 'Fluid management' } },
  { key: 'technical-gases', label: { de: 'Technische Gase', en: 'Technical gases' } },
  { key: 'heating', label: { de: 'Heiztechnik', en: 'Heating' }, vdma: 'VDMA 24186-2' },
  { key: 'cranes', label: { de: 'Krananlagen', en: 'Cranes' } },
  { key: 'lighting', label: { de: 'Licht', en: 'Lighting' }, vdma: 'VDMA 24186-5' },
  {
    key: 'safety-systems-inspection',
    label: { de: 'PVO-Prüfung (Sicherheitsanlagen)', en: 'Statutory safety-system inspection (PrüfVO)' },
  },
  {
    key: 'hvac-refrigeration',
    label: { de: 'Raumlufttechnik / Kälte', en: 'Air handling / refrigeration' },
    vdma: 'VDMA 24186-1',
  },
  { key: 'sanitary', label: { de: 'Sanitärtechnik', en: 'Sanitary' }, vdma: 'VDMA 24186-6' },
  { key: 'security', label: { de: 'Sicherheitstechnik (EMA / CCTV)', en: 'Security (intrusion alarm / CCTV)' } },
  { key: 'sprinkler', label: { de: 'Sprinkler', en: 'Sprinkler' }, vdma: 'VDMA 24186-7' },
  { key: 'drinking-water', label: { de: 'Trinkwasser', en: 'Drinking water' }, vdma: 'VDMA 24186-6' },
  { key: 'wayfinding', label: { de: 'Wegeleitsystem', en: 'Wayfinding' } },
  { key: 'access-control', label: { de: 'Zutrittskontrolle', en: 'Access control' } },
  { key: 'it-systems', label: { de: 'IT-Systeme', en: 'IT systems' } },
]);

const pf = (key: string, de: string, en: string): ChecklistItemDefinition => ({
  key,
  label: { de, en },
  kind: 'pass-fail',
});
const val = (
  key: string,
  de: string,
  en: string,
  unit: string,
  limits?: { min?: string; max?: string },
): ChecklistItemDefinition => ({ key, label: { de, en }, kind: 'value', unit, ...(limits ? { limits } : {}) });

const weeks = (every: number): Cadence => ({ every, unit: 'week' });
const months = (every: number): Cadence => ({ every, unit: 'month' });
const years = (every: number): Cadence => ({ every, unit: 'year' });

interface Spec {
  key: string;
  trade: string;
  kind: MaintenanceKind;
  title: [de: string, en: string];
  basis: string;
  cadence: Cadence;
  cadenceSource: string;
  checklist: ChecklistItemDefinition[];
  performer?: Performer;
  statutory?: boolean;
  anchor?: AnchorRule['kind'];
  intermediate?: boolean;
  evidence?: EvidenceKind[];
}

function task(s: Spec): TaskDefinition {
  const statutory = s.statutory ?? s.kind === 'statutory-test';
  const performer = s.performer ?? 'provider';
  return {
    key: s.key,
    trade: s.trade,
    kind: s.kind,
    performer,
    statutory,
    title: { de: s.title[0], en: s.title[1] },
    basis: s.basis,
    defaultCadence: s.cadence,
    // a statutory test's deadline runs from the last test (BetrSichV §16, DGUV V3 §5: "Prüffrist")
    defaultAnchor: s.anchor ?? (s.kind === 'statutory-test' ? 'statutory' : 'fixed-grid'),
    ...(s.intermediate === undefined ? {} : { intermediate: s.intermediate }),
    evidence: s.evidence ?? (statutory ? ['checklist', 'inspection-record'] : ['checklist']),
    checklist: s.checklist,
    cadenceSource: s.cadenceSource,
  };
}

const SEED_002 = 'Seed 002 (TTS), Gewerk';

export const MAINTENANCE_TASKS: readonly TaskDefinition[] = deepFreeze([
  // 1 Gebäudeautomation
  task({
    key: 'ga-software-update',
    trade: 'building-automation',
    kind: 'maintenance',
    title: ['GA-Software-Update und Datensicherung', 'Building automation software update and backup'],
    basis: 'VDMA 24186-4; AMEV Wartung 2018',
    cadence: years(1),
    cadenceSource: `${SEED_002} 1: Software-Update 1×/a`,
    checklist: [
      pf(
        'backup-before',
        'Projekt- und Datensicherung vor dem Update erstellt',
        'Project and data backup taken before the update',
      ),
      pf('update-installed', 'Update installiert, Versionsstand dokumentiert', 'Update installed, version recorded'),
      pf('alarms-tested', 'Alarmweiterleitung nach dem Update getestet', 'Alarm forwarding tested after the update'),
      pf('trend-logging', 'Trendaufzeichnung und Zeitprogramme geprüft', 'Trend logging and schedules checked'),
    ],
  }),
  // 2 MSR
  task({
    key: 'msr-sensor-calibration',
    trade: 'msr',
    kind: 'inspection',
    title: ['Sensor-Kalibrierung', 'Sensor calibration'],
    basis: 'VDMA 24186-4',
    cadence: years(1),
    cadenceSource: `${SEED_002} 2: Sensor-Kalibrierung 1×/a`,
    checklist: [
      pf(
        'temperature-sensors',
        'Temperaturfühler gegen Referenz geprüft',
        'Temperature sensors checked against a reference',
      ),
      pf(
        'pressure-sensors',
        'Druck- und Differenzdruckfühler geprüft',
        'Pressure and differential pressure sensors checked',
      ),
      val('max-deviation', 'Größte Abweichung zur Referenz', 'Largest deviation from the reference', 'K', {
        max: '0.5',
      }),
      pf('control-loops', 'Regelkreise nachgestellt (Tuning)', 'Control loops tuned'),
    ],
  }),
  // 3 Aufzüge (seed 001 and 002)
  task({
    key: 'elevator-maintenance',
    trade: 'elevators',
    kind: 'maintenance',
    title: ['Aufzugswartung nach DIN EN 13015', 'Elevator maintenance (DIN EN 13015)'],
    basis: 'DIN EN 13015; BetrSichV §10',
    cadence: months(2),
    cadenceSource: `${SEED_002} 3: 6× Wartung/a; Seed 001: monatlich bis vierteljährlich je nach Nutzung`,
    checklist: [
      pf('drive-brake', 'Antrieb und Bremse geprüft, nachgestellt', 'Drive and brake checked and adjusted'),
      pf('doors', 'Kabinen- und Schachttüren, Verriegelungen geprüft', 'Car and landing doors and locks checked'),
      pf(
        'safety-gear',
        'Sicherheitsbauteile (Fangvorrichtung, Geschwindigkeitsbegrenzer) geprüft',
        'Safety components (safety gear, overspeed governor) checked',
      ),
      pf('suspension', 'Tragmittel (Seile / Hydraulik) geprüft', 'Suspension (ropes / hydraulics) checked'),
      pf('emergency-call', 'Notrufsystem und Kabinenbeleuchtung geprüft', 'Emergency call and car lighting checked'),
      pf(
        'lubrication',
        'Abgeschmiert, gereinigt, Verschleißteile getauscht',
        'Lubricated, cleaned, wear parts replaced',
      ),
    ],
  }),
  task({
    key: 'elevator-statutory-inspection',
    trade: 'elevators',
    kind: 'statutory-test',
    performer: 'approved-body',
    anchor: 'statutory',
    intermediate: true,
    title: [
      'Aufzugsprüfung durch ZÜS (Haupt- und Zwischenprüfung)',
      'Elevator inspection by the approved body (main and intermediate)',
    ],
    basis: 'BetrSichV §16 und Anh. 2 Abschn. 2 Nr. 4',
    cadence: years(2),
    cadenceSource:
      'BetrSichV Anh. 2 Abschn. 2: Hauptprüfung höchstens alle 2 Jahre, Zwischenprüfung in der Mitte; Seed 001/002',
    checklist: [
      pf(
        'operator-present',
        'Betreiber / Aufzugswärter bei der Prüfung anwesend',
        'Operator present at the inspection',
      ),
      pf(
        'logbook-available',
        'Anlagenbuch und Wartungsnachweise vorgelegt',
        'Logbook and maintenance records presented',
      ),
      pf(
        'defects-recorded',
        'Mängel aus dem Prüfbericht als Tickets erfasst',
        'Defects from the report recorded as tickets',
      ),
    ],
  }),
  // 4 Brandschutz
  task({
    key: 'fire-alarm-service',
    trade: 'fire-protection',
    kind: 'maintenance',
    statutory: true,
    title: ['Brandmeldeanlage: Inspektion und Wartung', 'Fire alarm system: inspection and maintenance'],
    basis: 'DIN 14675-1; DIN VDE 0833-1',
    cadence: months(6),
    cadenceSource: `${SEED_002} 4: BMA 2×/a`,
    checklist: [
      pf('detectors', 'Melder ausgelöst (Stichprobe / Anteil laut Plan)', 'Detectors triggered (share per plan)'),
      pf(
        'control-panel',
        'Zentrale, Anzeigen und Störungsmeldungen geprüft',
        'Control panel, indicators and fault signals checked',
      ),
      pf(
        'transmission',
        'Übertragung zur Feuerwehr / Leitstelle geprüft',
        'Transmission to the fire brigade / control centre checked',
      ),
      val('battery-voltage', 'Notstrombatterie Spannung', 'Standby battery voltage', 'V'),
      pf('logbook', 'Betriebsbuch geführt', 'Logbook updated'),
    ],
  }),
  task({
    key: 'smoke-extraction-service',
    trade: 'fire-protection',
    kind: 'maintenance',
    statutory: true,
    title: ['Rauch- und Wärmeabzugsanlage warten', 'Smoke and heat extraction system maintenance'],
    basis: 'DIN 18232-2; DIN EN 12101-2',
    cadence: years(1),
    cadenceSource: `${SEED_002} 4: RWA 1×/a`,
    checklist: [
      pf('vents-open', 'Öffnungsgeräte öffnen und schließen vollständig', 'Vents open and close fully'),
      pf('triggers', 'Auslösung (Hand- und Rauchmelder) geprüft', 'Manual and detector triggers checked'),
      pf('power-supply', 'Energieversorgung / Notstrom geprüft', 'Power supply / backup checked'),
    ],
  }),
  task({
    key: 'fire-door-inspection',
    trade: 'fire-protection',
    kind: 'inspection',
    statutory: true,
    title: ['Feuer- und Rauchschutztüren prüfen', 'Fire and smoke door inspection'],
    basis: 'DIN 4102-5 / DIN EN 16034 (Herstellerangaben); ASR A1.7',
    cadence: years(1),
    cadenceSource: `${SEED_002} 4: Türen 1×/a`,
    checklist: [
      pf(
        'self-closing',
        'Türen schließen selbsttätig aus jeder Öffnungsstellung',
        'Doors close by themselves from any position',
      ),
      pf('hold-open', 'Feststellanlage löst aus', 'Hold-open device releases'),
      pf('seals', 'Dichtungen und Beschläge unbeschädigt', 'Seals and fittings undamaged'),
      pf('not-wedged', 'Keine Keile oder Blockaden', 'No wedges or obstructions'),
    ],
  }),
  // 5 Druckluft
  task({
    key: 'compressor-service',
    trade: 'compressed-air',
    kind: 'maintenance',
    title: ['Kompressor-Service', 'Compressor service'],
    basis: 'Herstellerangaben; VDMA 24186 (sinngemäß)',
    cadence: months(4),
    cadenceSource: `${SEED_002} 5: Kompressor-Service 3×/a (verdichtet statt 2×)`,
    checklist: [
      pf('oil-filters', 'Öl, Öl- und Luftfilter gewechselt', 'Oil, oil and air filters changed'),
      pf('condensate', 'Kondensatableiter und Aufbereitung geprüft', 'Condensate drains and treatment checked'),
      pf('safety-valve', 'Sicherheitsventil geprüft', 'Safety valve checked'),
      val('operating-hours', 'Betriebsstunden', 'Operating hours', 'h'),
    ],
  }),
  task({
    key: 'compressed-air-leak-audit',
    trade: 'compressed-air',
    kind: 'inspection',
    title: ['Druckluft-Leckage-Audit', 'Compressed air leak audit'],
    basis: 'ISO 11011; DIN EN ISO 50001 (Energieeffizienz)',
    cadence: months(6),
    cadenceSource: `${SEED_002} 5: Leckage-Audit 2×/a`,
    checklist: [
      pf('ultrasonic-survey', 'Netz mit Ultraschall abgesucht', 'Network surveyed with ultrasound'),
      val('leaks-found', 'Gefundene Leckagen', 'Leaks found', 'Stk'),
      val('leak-rate', 'Geschätzter Leckageanteil', 'Estimated leak share', '%'),
      pf('tags-placed', 'Leckagen markiert, Tickets angelegt', 'Leaks tagged, tickets created'),
    ],
  }),
  // 6 Elektrische Sicherheit
  task({
    key: 'dguv-device-test',
    trade: 'electrical-safety',
    kind: 'statutory-test',
    title: ['Prüfung ortsveränderlicher Geräte (DGUV V3)', 'Portable equipment test (DGUV V3)'],
    basis: 'DGUV Vorschrift 3 §5; BetrSichV §14; DIN VDE 0701-0702',
    cadence: years(2),
    cadenceSource: `${SEED_002} 6: Prüfzyklus 2 J komplett (Fehlerquote < 2 % erlaubt Verlängerung, DGUV V3 DA Tab. 1B)`,
    checklist: [
      pf('visual', 'Sichtprüfung bestanden', 'Visual inspection passed'),
      val('protective-conductor', 'Schutzleiterwiderstand', 'Protective conductor resistance', 'Ω', { max: '0.3' }),
      val('insulation', 'Isolationswiderstand', 'Insulation resistance', 'MΩ', { min: '1' }),
      pf('label', 'Prüfplakette angebracht', 'Test label attached'),
    ],
  }),
  task({
    key: 'thermography',
    trade: 'electrical-safety',
    kind: 'inspection',
    title: ['Thermografie der Verteilungen', 'Thermography of switchboards'],
    basis: 'VdS 2858; DIN 54191',
    cadence: years(1),
    cadenceSource: `${SEED_002} 6: Thermografie jährlich`,
    evidence: ['checklist', 'photo'],
    checklist: [
      pf('under-load', 'Aufnahme unter Last (≥ 40 % Nennlast)', 'Recorded under load (≥ 40 % rated load)'),
      val('max-delta-t', 'Größte Übertemperatur', 'Largest temperature rise', 'K'),
      pf('hotspots-ticketed', 'Auffälligkeiten als Tickets erfasst', 'Findings recorded as tickets'),
    ],
  }),
  // 7 Elektrotechnik
  task({
    key: 'mv-switchgear-test',
    trade: 'electrical',
    kind: 'statutory-test',
    title: ['Mittelspannungsschaltanlage prüfen und warten', 'Medium-voltage switchgear test and maintenance'],
    basis: 'DGUV Vorschrift 3 §5 (ortsfeste Anlagen 4 Jahre); DIN VDE 0105-100',
    cadence: years(4),
    cadenceSource: `${SEED_002} 7: MS-Schaltwerk 4-jährlich`,
    checklist: [
      pf('switching', 'Schaltgeräte betätigt, Antriebe geschmiert', 'Switchgear operated, drives lubricated'),
      pf('protection-relays', 'Schutzeinrichtungen ausgelöst', 'Protection relays tripped'),
      val('insulation', 'Isolationswiderstand', 'Insulation resistance', 'MΩ'),
      pf(
        'safety-equipment',
        'Sicherheitsausrüstung (Erdung, Spannungsprüfer) vollständig',
        'Safety equipment (earthing, voltage tester) complete',
      ),
    ],
  }),
  task({
    key: 'main-distribution-test',
    trade: 'electrical',
    kind: 'statutory-test',
    title: ['Niederspannungshauptverteilung prüfen', 'Main low-voltage distribution test'],
    basis: 'DGUV Vorschrift 3 §5; DIN VDE 0105-100',
    cadence: years(1),
    cadenceSource: `${SEED_002} 7: NSHV jährlich`,
    checklist: [
      pf('visual', 'Sichtprüfung, Beschriftung, Abdeckungen', 'Visual check, labels, covers'),
      pf('connections', 'Klemmstellen nachgezogen', 'Terminals retightened'),
      pf('rcd', 'Fehlerstrom-Schutzeinrichtungen ausgelöst', 'Residual current devices tripped'),
      val('loop-impedance', 'Schleifenimpedanz (ungünstigster Kreis)', 'Loop impedance (worst circuit)', 'Ω'),
    ],
  }),
  task({
    key: 'ups-service',
    trade: 'electrical',
    kind: 'maintenance',
    title: ['USV-Wartung', 'UPS maintenance'],
    basis: 'DIN EN IEC 62040; Herstellerangaben',
    cadence: years(1),
    cadenceSource: `${SEED_002} 7: USV jährlich`,
    checklist: [
      pf('battery-test', 'Batterietest / Entladetest durchgeführt', 'Battery / discharge test run'),
      val('autonomy', 'Überbrückungszeit', 'Autonomy', 'min'),
      pf('bypass', 'Bypass-Umschaltung geprüft', 'Bypass transfer checked'),
      pf('fans', 'Lüfter und Filter gereinigt', 'Fans and filters cleaned'),
    ],
  }),
  // 8 Energieerzeugung
  task({
    key: 'generator-test-run',
    trade: 'power-generation',
    kind: 'inspection',
    statutory: true,
    title: ['Netzersatzanlage: Monatlicher Probelauf', 'Standby generator: monthly test run'],
    basis: 'DIN VDE 0100-560; DIN 6280-13; DIN VDE 0108-100',
    cadence: months(1),
    cadenceSource: `${SEED_002} 8: Diesel-NEA Monatslauf`,
    checklist: [
      pf('start', 'Startet innerhalb der Umschaltzeit', 'Starts within the transfer time'),
      val('load', 'Last während des Probelaufs', 'Load during the test run', '%'),
      val('duration', 'Laufzeit', 'Run time', 'min'),
      pf('fuel-level', 'Kraftstoffvorrat ausreichend', 'Fuel sufficient'),
    ],
  }),
  task({
    key: 'generator-service',
    trade: 'power-generation',
    kind: 'maintenance',
    title: ['Netzersatzanlage warten', 'Standby generator maintenance'],
    basis: 'DIN 6280-13; ISO 8528; Herstellerangaben',
    cadence: years(1),
    cadenceSource: `${SEED_002} 8: Diesel-NEA Wartung`,
    checklist: [
      pf('oil-filters', 'Öl, Filter und Kühlmittel gewechselt / geprüft', 'Oil, filters and coolant changed / checked'),
      pf('batteries', 'Starterbatterien geprüft', 'Starter batteries checked'),
      pf('fuel-quality', 'Kraftstoffqualität geprüft (Dieselpest)', 'Fuel quality checked (microbial growth)'),
    ],
  }),
  task({
    key: 'pv-service',
    trade: 'power-generation',
    kind: 'maintenance',
    title: ['PV-Anlage warten', 'PV system maintenance'],
    basis: 'DIN EN 62446-1; VDE-AR-N 4105',
    cadence: years(1),
    cadenceSource: `${SEED_002} 8: PV-Service`,
    checklist: [
      pf('modules-visual', 'Module und Unterkonstruktion sichtgeprüft', 'Modules and mounting visually checked'),
      pf('inverters', 'Wechselrichter-Fehlerspeicher ausgelesen', 'Inverter error logs read'),
      val('string-deviation', 'Größte Stringabweichung', 'Largest string deviation', '%'),
    ],
  }),
  // 9 Energiemanagement
  task({
    key: 'energy-monthly-report',
    trade: 'energy-management',
    kind: 'inspection',
    title: ['Zählerauswertung und Monatsreport', 'Meter evaluation and monthly report'],
    basis: 'DIN EN ISO 50001; DIN ISO 50006',
    cadence: months(1),
    cadenceSource: `${SEED_002} 9: Monats-/Quartalsreport`,
    checklist: [
      pf('meters-complete', 'Alle Zähler (IoT) mit Werten, keine Lücken', 'All (IoT) meters reporting, no gaps'),
      pf('meter-exchanges', 'Zählerwechsel / Überläufe geprüft', 'Meter exchanges / rollovers checked'),
      pf('report-sent', 'Report an den Auftraggeber versandt', 'Report sent to the client'),
    ],
  }),
  task({
    key: 'energy-iso50001-review',
    trade: 'energy-management',
    kind: 'inspection',
    title: ['Energieleistung bewerten (ISO 50001)', 'Energy performance review (ISO 50001)'],
    basis: 'DIN EN ISO 50001 Abschn. 9',
    cadence: years(1),
    cadenceSource: `${SEED_002} 9: ISO 50001, Einsparziel -1 % p.a.`,
    checklist: [
      pf('enpi-updated', 'EnPI und Ausgangsbasis fortgeschrieben', 'EnPI and baseline updated'),
      pf('target-check', 'Einsparziel des Jahres bewertet', 'Annual saving target assessed'),
      pf('measures', 'Maßnahmenplan aktualisiert', 'Action plan updated'),
    ],
  }),
  // 10 Fluidmanagement
  task({
    key: 'coolant-check',
    trade: 'fluid-management',
    kind: 'inspection',
    statutory: true,
    title: ['Kühlschmierstoff-Kontrolle', 'Cooling lubricant check'],
    basis: 'TRGS 611; DGUV Regel 109-003',
    cadence: weeks(1),
    cadenceSource: `${SEED_002} 10: KSS-Kontrolle wöchentlich (TRGS 611: pH, Nitrit wöchentlich)`,
    checklist: [
      val('ph', 'pH-Wert', 'pH value', 'pH'),
      val('nitrite', 'Nitritgehalt', 'Nitrite content', 'mg/l', { max: '20' }),
      val('concentration', 'Konzentration', 'Concentration', '%'),
      pf('appearance', 'Aussehen und Geruch unauffällig', 'Appearance and smell normal'),
    ],
  }),
  task({
    key: 'hydraulics-monitoring',
    trade: 'fluid-management',
    kind: 'inspection',
    title: ['Hydraulik-Monitoring', 'Hydraulics monitoring'],
    basis: 'DIN ISO 4406 (Ölreinheit); Herstellerangaben',
    cadence: months(1),
    cadenceSource: `${SEED_002} 10: Hydraulik-Monitoring`,
    checklist: [
      pf('leaks', 'Keine Leckagen an Leitungen und Aggregaten', 'No leaks on lines and units'),
      val('oil-temperature', 'Öltemperatur', 'Oil temperature', '°C'),
      pf('filter-indicator', 'Filterverschmutzungsanzeige unauffällig', 'Filter clogging indicator normal'),
    ],
  }),
  // 11 Technische Gase
  task({
    key: 'gas-line-tightness',
    trade: 'technical-gases',
    kind: 'statutory-test',
    title: ['Dichtheitsprüfung Gasleitungen', 'Gas line tightness test'],
    basis: 'TRGS 407; BetrSichV §15–16; DVGW G 614',
    cadence: years(1),
    cadenceSource: `${SEED_002} 11: Leitungs-Dichtheit 1×/a`,
    checklist: [
      val('pressure-drop', 'Druckabfall während der Prüfzeit', 'Pressure drop during the test', 'mbar', { max: '0' }),
      pf('fittings', 'Armaturen und Entnahmestellen dicht', 'Valves and outlets tight'),
      pf('labels', 'Kennzeichnung der Leitungen vollständig', 'Pipe labelling complete'),
    ],
  }),
  task({
    key: 'gas-detector-calibration',
    trade: 'technical-gases',
    kind: 'inspection',
    statutory: true,
    title: ['Gaswarnanlage kalibrieren', 'Gas detector calibration'],
    basis: 'DGUV Information 213-056',
    cadence: years(1),
    cadenceSource: `${SEED_002} 11: Gaswarn-Kalibrierung (DGUV I 213-056: Funktionsprüfung mit Prüfgas)`,
    checklist: [
      pf(
        'test-gas',
        'Mit Prüfgas beaufschlagt, Alarmschwellen ausgelöst',
        'Test gas applied, alarm thresholds triggered',
      ),
      val('deviation', 'Anzeigeabweichung', 'Reading deviation', '%'),
      pf('alarms-forwarded', 'Alarmweiterleitung und Abschaltung geprüft', 'Alarm forwarding and shut-off checked'),
    ],
  }),
  // 12 Heiztechnik
  task({
    key: 'boiler-burner-service',
    trade: 'heating',
    kind: 'maintenance',
    title: ['Kessel- und Brennerwartung', 'Boiler and burner maintenance'],
    basis: 'VDMA 24186-2; DIN EN 15378',
    cadence: years(1),
    cadenceSource: `${SEED_002} 12: Kessel-/Brenner-Service 1×/a`,
    checklist: [
      pf('burner-cleaned', 'Brenner und Brennraum gereinigt', 'Burner and combustion chamber cleaned'),
      val('co', 'CO-Gehalt im Abgas', 'CO in flue gas', 'ppm', { max: '1000' }),
      pf(
        'safety-chain',
        'Sicherheitskette (STB, Wassermangel) geprüft',
        'Safety chain (high-limit, low-water) checked',
      ),
      val('system-pressure', 'Anlagendruck', 'System pressure', 'bar'),
    ],
  }),
  task({
    key: 'chimney-sweep-measurement',
    trade: 'heating',
    kind: 'statutory-test',
    performer: 'approved-body',
    title: [
      'Feuerstättenschau und Abgasmessung (Schornsteinfeger)',
      'Chimney sweep inspection and flue-gas measurement',
    ],
    basis: 'KÜO; 1. BImSchV §14–15; SchfHwG',
    cadence: years(1),
    cadenceSource: `${SEED_002} 12: Schorni jährlich`,
    checklist: [
      pf('access', 'Zugang zu Feuerstätten und Abgasanlagen ermöglicht', 'Access to appliances and flues given'),
    ],
  }),
  // 13 Krananlagen
  task({
    key: 'crane-annual-inspection',
    trade: 'cranes',
    kind: 'statutory-test',
    title: ['Kranprüfung durch Sachkundigen (UVV)', 'Crane inspection by a competent person'],
    basis: 'DGUV Vorschrift 52 §26; BetrSichV §14',
    cadence: years(1),
    cadenceSource: `${SEED_002} 13: UVV 1×/a`,
    checklist: [
      pf('structure', 'Tragwerk, Fahrbahn, Puffer geprüft', 'Structure, runway, buffers checked'),
      pf('brakes-limits', 'Bremsen und Endschalter wirksam', 'Brakes and limit switches effective'),
      pf(
        'rope-chain',
        'Seil / Kette nach Ablegereife geprüft (DIN ISO 4309)',
        'Rope / chain checked for discard (ISO 4309)',
      ),
      pf('hook', 'Lasthaken und Sicherung geprüft', 'Hook and safety latch checked'),
      pf('emergency-stop', 'Not-Halt geprüft', 'Emergency stop checked'),
    ],
  }),
  // 14 Licht
  task({
    key: 'emergency-lighting-function-test',
    trade: 'lighting',
    kind: 'inspection',
    statutory: true,
    title: ['Notbeleuchtung: Funktionsprüfung', 'Emergency lighting: function test'],
    basis: 'DIN EN 50172; DIN VDE V 0108-100-1; ASR A3.4/7',
    cadence: months(1),
    cadenceSource: `${SEED_002} 14: Notlichttests (DIN EN 50172: Funktionsprüfung monatlich)`,
    checklist: [
      pf(
        'luminaires',
        'Alle Sicherheitsleuchten schalten auf Notbetrieb',
        'All emergency luminaires switch to emergency mode',
      ),
      pf('signs', 'Rettungszeichenleuchten erkennbar', 'Exit signs legible'),
      pf('logbook', 'Prüfbuch geführt', 'Test log updated'),
    ],
  }),
  task({
    key: 'emergency-lighting-duration-test',
    trade: 'lighting',
    kind: 'inspection',
    statutory: true,
    title: ['Notbeleuchtung: Betriebsdauerprüfung', 'Emergency lighting: full-duration test'],
    basis: 'DIN EN 50172; DIN VDE V 0108-100-1',
    cadence: years(1),
    cadenceSource: 'DIN EN 50172: Betriebsdauer jährlich',
    checklist: [
      val('duration', 'Erreichte Nennbetriebsdauer', 'Rated duration reached', 'h', { min: '1' }),
      pf('batteries', 'Batterien ohne Auffälligkeiten', 'Batteries without findings'),
    ],
  }),
  task({
    key: 'lighting-maintenance',
    trade: 'lighting',
    kind: 'maintenance',
    title: ['Leuchten reinigen, LED-Gruppentausch', 'Luminaire cleaning, LED group replacement'],
    basis: 'DIN EN 12464-1 (Wartungsfaktor); ASR A3.4',
    cadence: years(1),
    cadenceSource: `${SEED_002} 14: LED-Lampen/Gruppentausch · Reinigung`,
    checklist: [
      pf('cleaned', 'Leuchten gereinigt', 'Luminaires cleaned'),
      pf('failures-replaced', 'Ausgefallene Leuchtmittel / Treiber getauscht', 'Failed lamps / drivers replaced'),
      val('illuminance', 'Beleuchtungsstärke (Stichprobe)', 'Illuminance (sample)', 'lx'),
    ],
  }),
  // 15 PVO-Prüfung
  task({
    key: 'safety-systems-expert-inspection',
    trade: 'safety-systems-inspection',
    kind: 'statutory-test',
    performer: 'approved-body',
    title: [
      'Prüfung durch Prüfsachverständige (BMA, RWA, Notlicht, NEA, CO)',
      'Inspection by an approved expert (fire alarm, smoke extraction, emergency light, generator, CO)',
    ],
    basis: 'PrüfVO der Länder (Muster-Prüfverordnung §2)',
    cadence: years(1),
    cadenceSource: `${SEED_002} 15: Jahres-Sachverständigenprüfung`,
    checklist: [
      pf(
        'documents-ready',
        'Anlagendokumentation und Betriebsbücher bereitgestellt',
        'System documents and logbooks provided',
      ),
      pf(
        'systems-accessible',
        'Alle Anlagen zugänglich, Fachfirma anwesend',
        'All systems accessible, contractor present',
      ),
      pf(
        'defects-recorded',
        'Mängel aus dem Bericht als Tickets erfasst',
        'Defects from the report recorded as tickets',
      ),
    ],
  }),
  // 16 Raumlufttechnik / Kälte
  task({
    key: 'ahu-filter-change',
    trade: 'hvac-refrigeration',
    kind: 'maintenance',
    title: ['RLT-Filter Halle wechseln', 'Hall air-handling filter change'],
    basis: 'VDMA 24186-1; VDI 6022 Blatt 1; DIN EN ISO 16890',
    cadence: months(2),
    cadenceSource: `${SEED_002} 16: Filter Halle 6×/a (verdichtet statt 4×)`,
    checklist: [
      val('pressure-drop', 'Filterdifferenzdruck vor dem Wechsel', 'Filter pressure drop before change', 'Pa'),
      pf('filters-changed', 'Filter gewechselt, Dichtsitz geprüft', 'Filters changed, seal checked'),
      pf('antistatic', 'Antistatische Filter in ATEX-Bereichen eingesetzt', 'Antistatic filters used in ATEX zones'),
      pf('disposal', 'Altfilter entsorgt', 'Old filters disposed of'),
    ],
  }),
  task({
    key: 'ahu-hygiene-inspection',
    trade: 'hvac-refrigeration',
    kind: 'statutory-test',
    title: ['Hygieneinspektion RLT nach VDI 6022', 'Air-handling hygiene inspection (VDI 6022)'],
    basis: 'VDI 6022 Blatt 1; ArbStättV Anh. 3.6',
    cadence: years(1),
    cadenceSource: `${SEED_002} 16: Hygiene VDI 6022 jährlich (statt 2-jährlich; VDI 6022: 2 J mit, 3 J ohne Befeuchtung)`,
    evidence: ['checklist', 'photo', 'inspection-record'],
    checklist: [
      pf('visual-hygiene', 'Hygienische Sichtprüfung aller Komponenten', 'Hygienic visual check of all components'),
      val('colony-count', 'Gesamtkoloniezahl (Abklatsch)', 'Total colony count (contact sample)', 'KBE/25 cm²'),
      pf('humidifier-water', 'Befeuchterwasser beprobt (falls vorhanden)', 'Humidifier water sampled (if present)'),
      pf('cleaning-needs', 'Reinigungsbedarf dokumentiert', 'Cleaning needs recorded'),
    ],
  }),
  task({
    key: 'refrigerant-leak-test',
    trade: 'hvac-refrigeration',
    kind: 'statutory-test',
    title: ['Dichtheitskontrolle Kälteanlage (F-Gase)', 'Refrigeration leak check (F-gas)'],
    basis: 'Verordnung (EU) 2024/573 Art. 5; ChemKlimaschutzV',
    cadence: months(6),
    cadenceSource: `${SEED_002} 16: Kälte Dichtigkeit 2×/a (≥ 50 t CO₂-Äq.: alle 6 Monate)`,
    checklist: [
      pf('leak-detector', 'Mit elektronischem Lecksuchgerät geprüft', 'Checked with an electronic leak detector'),
      val('refrigerant-charge', 'Kältemittelfüllmenge', 'Refrigerant charge', 'kg'),
      val('co2-equivalent', 'CO₂-Äquivalent', 'CO₂ equivalent', 't'),
      pf('logbook', 'Kältemittel-Logbuch fortgeschrieben', 'Refrigerant logbook updated'),
    ],
  }),
  // 17 Sanitär
  task({
    key: 'grease-separator-service',
    trade: 'sanitary',
    kind: 'maintenance',
    statutory: true,
    title: ['Fettabscheider entleeren und warten', 'Grease separator emptying and maintenance'],
    basis: 'DIN 4040-100; DIN EN 1825-2; kommunale Abwassersatzung',
    cadence: months(3),
    cadenceSource: `${SEED_002} 17: Fettabscheider 4×/a`,
    evidence: ['checklist', 'photo'],
    checklist: [
      pf('emptied', 'Entleert und gereinigt (Entsorgungsnachweis)', 'Emptied and cleaned (disposal record)'),
      val('fat-layer', 'Fettschichtdicke vor Entleerung', 'Fat layer before emptying', 'cm'),
      pf('inlet-outlet', 'Zu- und Ablauf frei, Dichtungen intakt', 'Inlet and outlet clear, seals intact'),
    ],
  }),
  task({
    key: 'lifting-station-service',
    trade: 'sanitary',
    kind: 'maintenance',
    title: ['Hebeanlagen warten', 'Sewage lifting station maintenance'],
    basis: 'DIN EN 12056-4',
    cadence: years(1),
    cadenceSource: `${SEED_002} 17: Hebeanlagen 1×/a`,
    checklist: [
      pf('pumps', 'Pumpen laufen, Laufräder frei', 'Pumps run, impellers clear'),
      pf('non-return', 'Rückstauverschluss und Rückschlagklappe geprüft', 'Backflow valve and check valve checked'),
      pf('alarm', 'Hochwasseralarm ausgelöst', 'High-level alarm triggered'),
    ],
  }),
  // 18 Sicherheitstechnik
  task({
    key: 'intrusion-alarm-service',
    trade: 'security',
    kind: 'maintenance',
    title: ['Einbruchmeldeanlage: Inspektion und Wartung', 'Intrusion alarm: inspection and maintenance'],
    basis: 'DIN VDE 0833-1/-3; VdS 2311',
    cadence: years(1),
    cadenceSource: `${SEED_002} 18: EMA-Service 1×/a`,
    checklist: [
      pf('detectors', 'Melder ausgelöst', 'Detectors triggered'),
      pf('arming', 'Scharf-/Unscharfschaltung geprüft', 'Arming / disarming checked'),
      pf(
        'transmission',
        'Übertragung zur Notruf- und Serviceleitstelle geprüft',
        'Transmission to the alarm receiving centre checked',
      ),
      val('battery-voltage', 'Notstrombatterie Spannung', 'Standby battery voltage', 'V'),
    ],
  }),
  task({
    key: 'cctv-cleaning',
    trade: 'security',
    kind: 'maintenance',
    title: ['Videokameras reinigen und prüfen', 'CCTV camera cleaning and check'],
    basis: 'DIN EN 62676-4',
    cadence: months(6),
    cadenceSource: `${SEED_002} 18: CCTV-Reinigung 2×/a`,
    checklist: [
      pf('lenses-cleaned', 'Linsen / Schutzgläser gereinigt', 'Lenses / housings cleaned'),
      pf('image-check', 'Bild, Fokus und Blickfeld geprüft', 'Image, focus and field of view checked'),
      pf('recording', 'Aufzeichnung läuft', 'Recording running'),
    ],
  }),
  // 19 Sprinkler
  task({
    key: 'sprinkler-service',
    trade: 'sprinkler',
    kind: 'maintenance',
    statutory: true,
    title: ['Sprinkleranlage warten (Nass, Trocken, Schaum)', 'Sprinkler maintenance (wet, dry, foam)'],
    basis: 'VdS CEA 4001; DIN EN 12845',
    cadence: months(6),
    cadenceSource: `${SEED_002} 19: Wartung 2×/a`,
    checklist: [
      pf('alarm-valves', 'Alarmventilstationen geprüft', 'Alarm valve stations checked'),
      pf('dry-valves', 'Trockenventile / Schaumzumischung geprüft', 'Dry valves / foam proportioning checked'),
      val('static-pressure', 'Ruhedruck', 'Static pressure', 'bar'),
      pf('betriebsbuch', 'Betriebsbuch geführt', 'Logbook updated'),
    ],
  }),
  task({
    key: 'sprinkler-pump-test',
    trade: 'sprinkler',
    kind: 'inspection',
    statutory: true,
    title: ['Sprinklerpumpen-Probelauf', 'Sprinkler pump test run'],
    basis: 'VdS CEA 4001 (Betriebsbuch); DIN EN 12845 Abschn. 20',
    cadence: months(1),
    cadenceSource: `${SEED_002} 19: Pumpentest mtl.`,
    checklist: [
      pf('auto-start', 'Automatischer Start bei Druckabfall', 'Automatic start on pressure drop'),
      val('run-time', 'Laufzeit', 'Run time', 'min'),
      val('discharge-pressure', 'Förderdruck', 'Discharge pressure', 'bar'),
      pf(
        'diesel-fuel',
        'Dieselvorrat und Kühlung geprüft (Dieselpumpe)',
        'Diesel fuel and cooling checked (diesel pump)',
      ),
    ],
  }),
  task({
    key: 'sprinkler-vds-inspection',
    trade: 'sprinkler',
    kind: 'statutory-test',
    performer: 'approved-body',
    title: ['VdS-Prüfung der Sprinkleranlage', 'VdS sprinkler inspection'],
    basis: 'VdS CEA 4001; Versicherungsbedingungen',
    cadence: years(1),
    cadenceSource: `${SEED_002} 19: VdS jährl.`,
    checklist: [
      pf(
        'betriebsbuch-ready',
        'Betriebsbuch und Wartungsnachweise vorgelegt',
        'Logbook and maintenance records presented',
      ),
      pf(
        'defects-recorded',
        'Mängel aus dem Bericht als Tickets erfasst',
        'Defects from the report recorded as tickets',
      ),
    ],
  }),
  // 20 Trinkwasser
  task({
    key: 'legionella-sampling',
    trade: 'drinking-water',
    kind: 'statutory-test',
    title: ['Legionellenprobe (systemische Untersuchung)', 'Legionella sampling (systemic examination)'],
    basis: 'TrinkwV 2023 §31 und Anl. 3 Teil II; DVGW W 551',
    cadence: years(1),
    cadenceSource: `${SEED_002} 20: Legionellenprobe 1×/a`,
    checklist: [
      pf('sampling-points', 'Alle Probennahmestellen beprobt', 'All sampling points sampled'),
      val('legionella', 'Höchster Befund Legionella spec.', 'Highest Legionella spec. result', 'KBE/100 ml', {
        max: '100',
      }),
      val('hot-water-temperature', 'Warmwasser-Austrittstemperatur', 'Hot water outlet temperature', '°C', {
        min: '60',
      }),
    ],
  }),
  task({
    key: 'stagnation-flushing',
    trade: 'drinking-water',
    kind: 'maintenance',
    title: ['Stagnationsspülung selten genutzter Entnahmestellen', 'Flushing of rarely used outlets'],
    basis: 'VDI/DVGW 6023; DIN EN 806-5; TrinkwV §13',
    cadence: weeks(1),
    cadenceSource: `${SEED_002} 20: Stagnationsspülung wtl.`,
    checklist: [
      pf('outlets-flushed', 'Alle Entnahmestellen laut Spülplan gespült', 'All outlets flushed per flushing plan'),
      val(
        'cold-water-temperature',
        'Kaltwassertemperatur nach Spülung',
        'Cold water temperature after flushing',
        '°C',
        { max: '25' },
      ),
    ],
  }),
  // 21 Wegeleitsystem
  task({
    key: 'wayfinding-check',
    trade: 'wayfinding',
    kind: 'inspection',
    title: ['Schilder- und Bodenmarkierungs-Check', 'Sign and floor marking check'],
    basis: 'ASR A1.3; ASR A2.3; DIN ISO 23601',
    cadence: years(1),
    cadenceSource: `${SEED_002} 21: Schilder-Check 1×/a`,
    checklist: [
      pf(
        'escape-signs',
        'Rettungswegkennzeichnung vollständig und erkennbar',
        'Escape route signs complete and legible',
      ),
      pf(
        'floor-markings',
        'Bodenmarkierungen erkennbar, Nachbesserung beauftragt',
        'Floor markings legible, touch-up ordered',
      ),
      pf('plans', 'Flucht- und Rettungspläne aktuell', 'Escape plans up to date'),
    ],
  }),
  // 22 Zutrittskontrolle
  task({
    key: 'access-control-service',
    trade: 'access-control',
    kind: 'maintenance',
    title: ['Zutrittskontrolle: Leser-Service und Batterien', 'Access control: reader service and batteries'],
    basis: 'DIN EN 60839-11-1',
    cadence: years(1),
    cadenceSource: `${SEED_002} 22: Leser-Service 1×/a · Batterien Offline-Zylinder`,
    checklist: [
      pf('readers', 'Leser und Türsteuerungen geprüft', 'Readers and door controllers checked'),
      pf('offline-batteries', 'Batterien der Offline-Zylinder getauscht', 'Offline cylinder batteries replaced'),
      pf(
        'rights-sync',
        'Berechtigungsabgleich (Offline-Zylinder) durchgeführt',
        'Access rights synchronised (offline cylinders)',
      ),
    ],
  }),
  // Seed 000: IT flat rate
  task({
    key: 'it-backup-check-weekly',
    trade: 'it-systems',
    kind: 'inspection',
    title: ['Wöchentliches Backup lokal prüfen (NAS)', 'Check the weekly local backup (NAS)'],
    basis: 'BSI IT-Grundschutz CON.3; Seed 000',
    cadence: weeks(1),
    cadenceSource: 'Seed 000: Überprüfung des wöchentlichen Backups lokal beim Kunden',
    checklist: [
      pf(
        'job-succeeded',
        'Sicherungsjob erfolgreich, keine Fehler im Log',
        'Backup job succeeded, no errors in the log',
      ),
      pf('raid-healthy', 'RAID-Verbund ohne Warnung', 'RAID array healthy'),
      pf('restore-sample', 'Stichprobe wiederhergestellt', 'Sample restored'),
    ],
  }),
  task({
    key: 'it-backup-check-monthly',
    trade: 'it-systems',
    kind: 'inspection',
    title: ['Monatliche externe Sicherung prüfen', 'Check the monthly off-site backup'],
    basis: 'BSI IT-Grundschutz CON.3; Seed 000',
    cadence: months(1),
    cadenceSource: 'Seed 000: Überprüfung des monatlichen Backups auf dem Server des Dienstleisters',
    checklist: [
      pf('transfer-complete', 'Übertragung vollständig, Prüfsummen stimmen', 'Transfer complete, checksums match'),
      val('backup-size', 'Größe der Sicherung', 'Backup size', 'GB'),
      pf('restore-sample', 'Stichprobe wiederhergestellt', 'Sample restored'),
    ],
  }),
  task({
    key: 'it-device-cleaning',
    trade: 'it-systems',
    kind: 'maintenance',
    title: ['Geräte reinigen (Lüfter, Wärmeleitpaste)', 'Device cleaning (fans, thermal paste)'],
    basis: 'Herstellerangaben; Seed 000',
    cadence: years(1),
    cadenceSource: 'Seed 000: jährliche Reinigung der Geräte, Lüfter, Wärmeleitpaste erneuern (Dauerbetrieb CAD/CAM)',
    checklist: [
      pf('fans-cleaned', 'Lüfter und Kühlkörper gereinigt', 'Fans and heat sinks cleaned'),
      pf('thermal-paste', 'Wärmeleitpaste erneuert', 'Thermal paste renewed'),
      val('cpu-temperature', 'CPU-Temperatur unter Last danach', 'CPU temperature under load afterwards', '°C'),
    ],
  }),
  task({
    key: 'it-camera-lens-cleaning',
    trade: 'it-systems',
    kind: 'maintenance',
    title: ['Kameralinsen reinigen (8 Kameras)', 'Camera lens cleaning (8 cameras)'],
    basis: 'DIN EN 62676-4; Seed 000',
    cadence: months(1),
    cadenceSource: 'Seed 000: 1× Monat 8 Kameras Linsen reinigen (4 h, 240 € statt 280 €)',
    checklist: [
      pf('lenses-cleaned', 'Alle Linsen gereinigt', 'All lenses cleaned'),
      pf('image-check', 'Bild und Fokus geprüft', 'Image and focus checked'),
    ],
  }),
]);

/** The catalogue is shared by every request: nobody may change it at runtime. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) {
      deepFreeze(v);
    }
    Object.freeze(value);
  }
  return value;
}

const BY_KEY = new Map(MAINTENANCE_TASKS.map((t) => [t.key, t]));

/** The catalogue entry of `key`, or undefined. */
export function findTask(key: string): TaskDefinition | undefined {
  return BY_KEY.get(key);
}

/** The trade definition of `key`, or undefined. */
export function findTrade(key: string): TradeDefinition | undefined {
  return MAINTENANCE_TRADES.find((t) => t.key === key);
}
