import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AssetImportReport } from '@leitstand/api-contracts';
import { CurrentUser, InvalidInputError, Roles, type AuthUser } from '@leitstand/backend/core';
import { AssetExportQueryDto, AssetImportService, AssetLabelsService, XLSX_MIME } from '@leitstand/backend/catalog';
import {
  AcceptsMultipartUpload,
  UPLOAD_TYPES,
  multipartSchema,
  readSingleUpload,
  type FastifyRequest,
} from '../uploads/multipart-upload';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** Attachment file name: ASCII fallback plus the UTF-8 name (RFC 6266). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@ApiTags('assets')
@Controller('sites/:siteId')
export class AssetSheetsController {
  constructor(
    @Inject(AssetImportService) private readonly sheets: AssetImportService,
    @Inject(AssetLabelsService) private readonly labels: AssetLabelsService,
  ) {}

  @ApiOperation({ summary: 'Import the site’s assets (and locations) from CSV or XLSX' })
  @Post('asset-import')
  @HttpCode(200)
  @Roles('admin', 'manager')
  @AcceptsMultipartUpload()
  @ApiBody({
    schema: multipartSchema({ dryRun: { type: 'string', enum: ['true', 'false'], default: 'true' } }, []),
  })
  @ApiOkResponse({
    description:
      'The report: every row’s problems (row, column, code, message); a dry run (default) writes nothing; a real import writes all rows in one transaction (new codes created, existing updated)',
  })
  @ApiBadRequestResponse({ description: 'A real import with problems (nothing written), or an unreadable file' })
  @ApiNotFoundResponse({ description: 'Unknown site or outside the caller’s scope' })
  async import(
    @CurrentUser() user: AuthUser,
    @Param('siteId') siteId: string,
    @Req() request: FastifyRequest,
  ): Promise<AssetImportReport> {
    const upload = await readSingleUpload(request, {
      allowedTypes: [UPLOAD_TYPES.csv, UPLOAD_TYPES.xlsx],
      fields: ['dryRun'],
    });
    const flag = upload.fields['dryRun'] ?? 'true';
    if (flag !== 'true' && flag !== 'false') throw InvalidInputError.of('dryRun', "dryRun must be 'true' or 'false'");
    const sheet = await this.sheets.readSheet(upload.bytes, upload.contentType);
    return this.sheets.import(user, siteId, sheet, flag === 'true');
  }

  @ApiOperation({ summary: 'Export the site’s asset register (CSV or XLSX, the import’s columns)' })
  @Get('asset-export')
  @Roles('admin', 'manager')
  @ApiProduces('text/csv', XLSX_MIME)
  @ApiOkResponse({ description: 'The register as a file the import reads back unchanged' })
  @ApiNotFoundResponse({ description: 'Unknown site or outside the caller’s scope' })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('siteId') siteId: string,
    @Query() query: AssetExportQueryDto,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const bytes = await this.sheets.export(user, siteId, format, query.lang ?? 'de');
    reply.header('Content-Type', format === 'xlsx' ? XLSX_MIME : 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', disposition(`assets-${siteId}.${format}`));
    return new StreamableFile(bytes);
  }

  @ApiOperation({ summary: 'Printable QR labels of the site’s assets (PDF, A4, 3 × 8)' })
  @Get('asset-labels')
  @Roles('admin', 'agent', 'technician', 'manager')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'One label per asset: QR code of the portal fault report, code, name, site' })
  @ApiNotFoundResponse({ description: 'Unknown site or outside the caller’s scope' })
  async assetLabels(
    @CurrentUser() user: AuthUser,
    @Param('siteId') siteId: string,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<StreamableFile> {
    const { pdf } = await this.labels.sheet(user, siteId);
    reply.header('Content-Type', 'application/pdf');
    reply.header('Content-Disposition', disposition(`asset-labels-${siteId}.pdf`));
    return new StreamableFile(pdf);
  }
}
