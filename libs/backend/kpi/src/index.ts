export * from './lib/kpi.types';
export * from './lib/kpi-rollup.calculator';
export * from './lib/kpi-rollup.loader';
export * from './lib/kpi.service';
export * from './lib/kpi.module';
export * from './lib/kpi-recompute-contract.handler';
export * from './lib/kpi-sweep.handler';
export * from './lib/kpi-recompute-all.handler';
