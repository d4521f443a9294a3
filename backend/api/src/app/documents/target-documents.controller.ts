import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DocumentListResponse, DocumentView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { DocumentsService } from '@leitstand/backend/documents';
import type { FastifyRequest } from '../uploads/multipart-upload';
import { ApiDocumentUpload, uploadDocument } from './document-upload';

const LIST_NOTE = 'Newest first. Customers see the documents marked for customers only.';

/** Documents attached to a ticket. */
@ApiTags('documents')
@Controller('tickets/:ticketId/documents')
export class TicketDocumentsController {
  constructor(@Inject(DocumentsService) private readonly documents: DocumentsService) {}

  @ApiOperation({ summary: "List a ticket's documents" })
  @Get()
  @ApiOkResponse({ description: LIST_NOTE })
  @ApiNotFoundResponse({ description: 'Unknown ticket, or outside the caller’s tenants' })
  list(@CurrentUser() user: AuthUser, @Param('ticketId') ticketId: string): Promise<DocumentListResponse> {
    return this.documents.list(user, { kind: 'ticket', id: ticketId });
  }

  @ApiOperation({ summary: 'Upload a document (e.g. a photo) to a ticket' })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'agent', 'manager', 'technician')
  @ApiDocumentUpload('ticket')
  upload(
    @CurrentUser() user: AuthUser,
    @Param('ticketId') ticketId: string,
    @Req() request: FastifyRequest,
  ): Promise<DocumentView> {
    return uploadDocument(this.documents, user, { kind: 'ticket', id: ticketId }, request);
  }
}

/** Documents attached to an asset (inspection reports, manuals, photos of the plate). */
@ApiTags('documents')
@Controller('assets/:assetId/documents')
export class AssetDocumentsController {
  constructor(@Inject(DocumentsService) private readonly documents: DocumentsService) {}

  @ApiOperation({ summary: "List an asset's documents" })
  @Get()
  @ApiOkResponse({ description: LIST_NOTE })
  @ApiNotFoundResponse({ description: 'Unknown asset, or outside the caller’s tenants' })
  list(@CurrentUser() user: AuthUser, @Param('assetId') assetId: string): Promise<DocumentListResponse> {
    return this.documents.list(user, { kind: 'asset', id: assetId });
  }

  @ApiOperation({ summary: 'Upload a document to an asset' })
  @Post()
  @HttpCode(201)
  @Roles('admin', 'agent', 'manager', 'technician')
  @ApiDocumentUpload('asset')
  upload(
    @CurrentUser() user: AuthUser,
    @Param('assetId') assetId: string,
    @Req() request: FastifyRequest,
  ): Promise<DocumentView> {
    return uploadDocument(this.documents, user, { kind: 'asset', id: assetId }, request);
  }
}
