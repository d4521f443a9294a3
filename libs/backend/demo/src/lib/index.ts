export { seedDemoData, type DemoSeedResult } from './demo-seed';
export { loadDemoDataset } from './demo-data.loader';
export type { DemoDataset, DemoUserSpec } from './demo-data.types';
export { DemoRandom } from './demo-random';
