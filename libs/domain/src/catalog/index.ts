export * from './location-hierarchy';
