export * from './location-hierarchy';
export * from './asset-import';
