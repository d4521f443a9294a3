export * from './lib/documents.module';
export * from './lib/documents.service';
export * from './lib/document-access';
export * from './lib/document.dto';
