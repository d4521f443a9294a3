import { Module } from '@nestjs/common';
import { DocumentsModule } from '@leitstand/backend/documents';
import { DocumentsController } from './documents.controller';
import { AssetDocumentsController, TicketDocumentsController } from './target-documents.controller';

/** HTTP surface of the document store (issue 14): upload to tickets and assets, list, metadata, download. */
@Module({
  imports: [DocumentsModule],
  controllers: [TicketDocumentsController, AssetDocumentsController, DocumentsController],
})
export class DocumentsHttpModule {}
