import { Module } from '@nestjs/common';
import { CLOCK, SYSTEM_CLOCK } from '@leitstand/backend/core';
import { DocumentsService } from './documents.service';

/** The document store (issue 14). Needs the global DatabaseModule. */
@Module({
  providers: [DocumentsService, { provide: CLOCK, useValue: SYSTEM_CLOCK }],
  exports: [DocumentsService],
})
export class DocumentsModule {}
