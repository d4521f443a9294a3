import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Injectable,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  SERVICE_REPORT_PDF_LANGUAGES,
  SIGNATURE_MAX_BYTES,
  type CustomerServiceReportView,
  type ServiceReportPdfLanguage,
  type ServiceReportView,
} from '@leitstand/api-contracts';
import { CurrentUser, InvalidInputError, Roles, type AuthUser } from '@leitstand/backend/core';
import { parseIfMatch } from '@leitstand/backend/catalog';
import { ServiceReportSignOffService, SignServiceReportDto, type SignOffDocuments } from '@leitstand/backend/billing';
import { DocumentsService } from '@leitstand/backend/documents';
import { EtagInterceptor } from '../catalog/etag.interceptor';
import { contentDisposition } from '../documents/content-disposition';
import { UPLOAD_TYPES, sniffAllowedType } from '../uploads/multipart-upload';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** The sign-off's files as documents of the ticket, through the document store (class 'service-report'). */
@Injectable()
export class DocumentStoreSignOffDocuments implements SignOffDocuments {
  constructor(@Inject(DocumentsService) private readonly documents: DocumentsService) {}

  async storeSignature(user: AuthUser, ticketId: string, png: Buffer, fileName: string): Promise<string> {
    return this.store(user, ticketId, png, 'image/png', fileName, false);
  }

  async storePdf(user: AuthUser, ticketId: string, pdf: Buffer, fileName: string): Promise<string> {
    return this.store(user, ticketId, pdf, 'application/pdf', fileName, true);
  }

  private async store(
    user: AuthUser,
    ticketId: string,
    bytes: Buffer,
    contentType: string,
    fileName: string,
    customerVisible: boolean,
  ): Promise<string> {
    const target = await this.documents.visibleTarget(user, { kind: 'ticket', id: ticketId });
    const doc = await this.documents.upload(user, target, {
      bytes,
      contentType,
      fileName,
      title: fileName.replace(/\.[a-z]+$/, ''),
      documentClass: 'service-report',
      customerVisible,
      nextTestDue: null,
    });
    return doc.id;
  }
}

/** The PNG bytes of a signature data URL: 400 `signature` unless they are a PNG of at most SIGNATURE_MAX_BYTES. */
async function signaturePng(dataUrl: string): Promise<Buffer> {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  if (bytes.length === 0) throw InvalidInputError.of('signature', 'signature: the image is empty');
  if (bytes.length > SIGNATURE_MAX_BYTES) {
    throw InvalidInputError.of('signature', `signature: at most ${SIGNATURE_MAX_BYTES} bytes of PNG`);
  }
  if ((await sniffAllowedType(bytes, [UPLOAD_TYPES.png])) !== 'image/png') {
    throw InvalidInputError.of('signature', 'signature: the bytes are not a PNG image');
  }
  return bytes;
}

function languageOf(value: string | undefined): ServiceReportPdfLanguage {
  if (value === undefined || value === '') return 'de';
  if ((SERVICE_REPORT_PDF_LANGUAGES as readonly string[]).includes(value)) return value as ServiceReportPdfLanguage;
  throw InvalidInputError.of('lang', `lang must be one of ${SERVICE_REPORT_PDF_LANGUAGES.join(', ')}`);
}

@ApiTags('billing')
@Controller('tickets/:id')
export class ServiceReportSignOffController {
  constructor(@Inject(ServiceReportSignOffService) private readonly signOffs: ServiceReportSignOffService) {}

  @ApiOperation({ summary: "The customer's sign-off of the service report on the technician's phone" })
  @Post('service-report/sign-off')
  @HttpCode(200)
  @Roles('admin', 'manager', 'agent', 'technician')
  @UseInterceptors(EtagInterceptor)
  @ApiOkResponse({
    description:
      'The signed report (signOff: name, instant, signature and PDF documents); the choices are frozen from now on',
  })
  @ApiBadRequestResponse({ description: 'No name, or a signature that is not a PNG data URL within the size cap' })
  @ApiForbiddenResponse({ description: 'Neither staff nor the assigned technician' })
  @ApiConflictResponse({
    description: 'Already signed, the ticket is not restored yet, or the report cannot be priced',
  })
  @ApiNotFoundResponse({ description: 'Unknown ticket, or outside the caller’s tenants' })
  async signOff(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SignServiceReportDto,
  ): Promise<ServiceReportView> {
    const expected = parseIfMatch(ifMatch);
    const png = await signaturePng(body.signature);
    return this.signOffs.signOff(user, id, expected, {
      signerName: body.signerName,
      signaturePng: png,
      lang: body.lang ?? 'de',
    });
  }

  @ApiOperation({ summary: 'The signed service report as the customer sees it (lines and totals as signed)' })
  @Get('service-report/signed')
  @Roles('admin', 'manager', 'agent', 'technician', 'customer')
  @ApiOkResponse({ description: 'Lines, discounts, net, VAT, gross and the sign-off; no internal fields' })
  @ApiForbiddenResponse({ description: 'A customer, before the sign-off' })
  @ApiConflictResponse({ description: 'Staff, before the sign-off' })
  @ApiNotFoundResponse({ description: 'Unknown ticket, or outside the caller’s tenants' })
  signed(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<CustomerServiceReportView> {
    return this.signOffs.signed(user, id);
  }

  @ApiOperation({ summary: 'The signed service report as PDF, in German or English' })
  @Get('service-report.pdf')
  @Roles('admin', 'manager', 'agent', 'technician', 'customer')
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'lang', required: false, enum: SERVICE_REPORT_PDF_LANGUAGES })
  @ApiOkResponse({ description: 'Ticket, site, lines, totals, the signer and the signature image' })
  @ApiForbiddenResponse({ description: 'A customer, before the sign-off' })
  @ApiConflictResponse({ description: 'Staff, before the sign-off' })
  @ApiNotFoundResponse({ description: 'Unknown ticket, or outside the caller’s tenants' })
  async pdf(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query('lang') lang: string | undefined,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<StreamableFile> {
    const { pdf, fileName } = await this.signOffs.pdf(user, id, languageOf(lang));
    reply.header('Content-Type', 'application/pdf');
    reply.header('Content-Disposition', contentDisposition(fileName));
    return new StreamableFile(pdf);
  }
}
