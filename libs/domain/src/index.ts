// Public surface of @leitstand/domain: pure TypeScript, no framework, no I/O, no clock of its own.
export * from './calendar';
export * from './sla';
export * from './money';
export * from './billing';
export * from './contract';
export * from './kpi';
export * from './ticket';
export * from './catalog';
export * from './documents';
export * from './account';
export * from './sheet';
export * from './maintenance';
