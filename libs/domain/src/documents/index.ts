export * from './document-class';
