import { Body, Controller, Get, Headers, Inject, Param, Patch, Res, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { DocumentView } from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { parseIfMatch } from '@leitstand/backend/catalog';
import { DocumentsService, UpdateDocumentDto } from '@leitstand/backend/documents';
import { ApiVersionedPatch } from '../catalog/catalog-http.docs';
import { EtagInterceptor } from '../catalog/etag.interceptor';
import { contentDisposition } from './content-disposition';

/** The part of Fastify's reply the download uses. */
interface DownloadReply {
  status(code: number): DownloadReply;
  header(name: string, value: string): DownloadReply;
  send(payload?: Readable | string): DownloadReply;
}

/**
 * A document's bytes never change (its hash is fixed), so the browser may keep them: privately (the
 * answer depends on who asks) for an hour, revalidated by ETag (the hash) after that.
 */
const CACHE_CONTROL = 'private, max-age=3600';

/** One stored document: metadata and content. */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(@Inject(DocumentsService) private readonly documents: DocumentsService) {}

  @ApiOperation({ summary: "A document's metadata" })
  @Get(':id')
  @ApiOkResponse({ description: 'The document (customers: only documents marked for them)' })
  @ApiNotFoundResponse({ description: 'Unknown, or not the caller’s to read' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<DocumentView> {
    return this.documents.get(user, id);
  }

  @ApiOperation({ summary: "Change a document's title or customer visibility" })
  @Patch(':id')
  @Roles('admin', 'agent', 'manager')
  @UseInterceptors(EtagInterceptor)
  @ApiOkResponse({ description: 'The document with its new version (ETag); content, class and file name never change' })
  @ApiVersionedPatch()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateDocumentDto,
  ): Promise<DocumentView> {
    return this.documents.update(user, id, parseIfMatch(ifMatch), body);
  }

  @ApiOperation({ summary: "Download a document's content" })
  @Get(':id/content')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif')
  @ApiOkResponse({
    description:
      'The bytes, streamed, with their real Content-Type, Content-Length, Content-Disposition: attachment (RFC 6266 / 5987 file name), nosniff and an ETag (the SHA-256)',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 304, description: 'If-None-Match names the content’s ETag' })
  @ApiNotFoundResponse({ description: 'Unknown, or not the caller’s to read' })
  async content(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: DownloadReply,
  ): Promise<void> {
    const { document, stream } = await this.documents.open(user, id);
    const etag = `"${document.sha256}"`;
    reply
      .header('cache-control', CACHE_CONTROL)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      // A stored file opened on its own can run nothing and load nothing (a PDF's scripts, an SVG's).
      .header('content-security-policy', "default-src 'none'; sandbox");
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      stream.destroy();
      reply.status(304).send();
      return;
    }
    reply
      .status(200)
      .header('content-type', document.contentType)
      .header('content-length', String(document.sizeBytes))
      .header('content-disposition', contentDisposition(document.fileName))
      .send(stream);
  }
}
