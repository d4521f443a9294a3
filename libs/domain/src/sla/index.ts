export * from './sla.types';
export * from './sla.errors';
export { computeDeadline, computeElapsed } from './business-time';
export { computeSlaClocks } from './sla-clock';
export { buildSlaMatrix, DEFAULT_WARNING_SHARE } from './sla-matrix';
export type { SlaMatrixSpec, SlaTargetSpec } from './sla-matrix';
