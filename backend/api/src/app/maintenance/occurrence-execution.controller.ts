import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import {
  DOCUMENT_TITLE_MAX,
  type DocumentView,
  type OccurrenceDetail,
  type OccurrenceMaterialView,
  type OccurrenceWorkLogView,
  type TechnicianOccurrenceListResponse,
} from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import { etagOf, parseIfMatch as parseRequiredIfMatch } from '@leitstand/backend/catalog';
import { DOCUMENT_UPLOAD_FIELDS, UploadDocumentFieldsDto } from '@leitstand/backend/documents';
import {
  CancelOccurrenceDto,
  InspectionRecordDto,
  OCCURRENCE_DOCUMENT_CLASSES,
  OccurrenceExecutionService,
  OccurrenceMaterialDto,
  OccurrenceWorkLogDto,
  PutChecklistDto,
  TechnicianOccurrenceQueryDto,
  isOccurrenceDocumentClass,
} from '@leitstand/backend/maintenance';
import { parseIfMatch as parseOptionalIfMatch } from '@leitstand/backend/tickets';
import { contentTypesFor } from '@leitstand/domain';
import { FieldHttpException, RequestValidationException } from '../api-exception.filter';
import {
  AcceptsMultipartUpload,
  MAX_UPLOAD_BYTES,
  UPLOAD_TYPES,
  multipartSchema,
  readSingleUpload,
  type FastifyRequest,
} from '../uploads/multipart-upload';
import { createValidationPipe } from '../validation';

/** The bits of a Fastify reply the controller sets. */
interface Reply {
  header(name: string, value: string): unknown;
}

const IF_MATCH_REQUIRED = {
  name: 'If-Match',
  required: true,
  description: 'The occurrence version you last saw (its ETag), e.g. "3"; missing → 428, stale → 412 (nothing written)',
};
const IF_MATCH_OPTIONAL = {
  name: 'If-Match',
  required: false,
  description: 'The occurrence version you last saw, e.g. "3"; a stale one answers 412 and writes nothing',
};
/** What evidence uploads take (by content): PDF and images; photos images only (as ticket documents). */
const EVIDENCE_TYPES = [
  UPLOAD_TYPES.pdf,
  UPLOAD_TYPES.jpeg,
  UPLOAD_TYPES.png,
  UPLOAD_TYPES.webp,
  UPLOAD_TYPES.heic,
  UPLOAD_TYPES.heif,
];
const validation = createValidationPipe();

/** The technician's work orders. */
@ApiTags('maintenance')
@Controller('technician/occurrences')
export class TechnicianOccurrencesController {
  constructor(@Inject(OccurrenceExecutionService) private readonly execution: OccurrenceExecutionService) {}

  @Get()
  @Roles('technician')
  @ApiOperation({ summary: "The technician's released work orders (own or unassigned), by target date" })
  @ApiOkResponse({
    description:
      "today: target date up to today (overdue included); week: up to today + 6 days — each in its site's zone",
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: TechnicianOccurrenceQueryDto,
  ): Promise<TechnicianOccurrenceListResponse> {
    return this.execution.technicianList(user, query.range ?? 'today');
  }
}

/**
 * Executing one occurrence: detail, start, checklist, time, material, evidence, record, complete, cancel.
 * No @Roles here: customers must get 404 (never learn an occurrence exists), which the service answers.
 */
@ApiTags('maintenance')
@Controller('maintenance/occurrences/:id')
export class OccurrenceExecutionController {
  constructor(@Inject(OccurrenceExecutionService) private readonly execution: OccurrenceExecutionService) {}

  @Get()
  @ApiOperation({ summary: 'An occurrence with its task, checklist, evidence, logs and what is still missing' })
  @ApiOkResponse({ description: 'The detail; ETag is its version' })
  @ApiNotFoundResponse({ description: 'Unknown, or outside the caller’s tenants' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceDetail> {
    return withEtag(reply, this.execution.detail(user, id));
  }

  @Post('start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the work (a technician takes an unassigned work order)' })
  @ApiHeader(IF_MATCH_REQUIRED)
  @ApiOkResponse({ description: "The detail with the 'started' event" })
  @ApiConflictResponse({ description: 'Started already, completed, cancelled or not released (details.code)' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  start(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceDetail> {
    return withEtag(reply, this.execution.start(user, id, parseRequiredIfMatch(ifMatch)));
  }

  @Put('checklist')
  @ApiOperation({ summary: 'Record the checklist (replaces the last one)' })
  @ApiHeader(IF_MATCH_REQUIRED)
  @ApiOkResponse({ description: "The detail with the 'checklist' event" })
  @ApiBadRequestResponse({ description: 'An unknown or repeated item key, a missing value (`fields` names it)' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  putChecklist(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: PutChecklistDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceDetail> {
    return withEtag(reply, this.execution.putChecklist(user, id, body.results, parseRequiredIfMatch(ifMatch)));
  }

  @Put('inspection-record')
  @ApiOperation({ summary: 'Record the inspection (BetrSichV §17 fields; replaces an earlier record)' })
  @ApiHeader(IF_MATCH_REQUIRED)
  @ApiOkResponse({ description: "The detail with the 'inspection-recorded' event" })
  @ApiBadRequestResponse({ description: '`fields` names each invalid field' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  putInspectionRecord(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: InspectionRecordDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceDetail> {
    return withEtag(reply, this.execution.putInspectionRecord(user, id, body, parseRequiredIfMatch(ifMatch)));
  }

  @Post('work-logs')
  @HttpCode(201)
  @ApiOperation({ summary: 'Log working time on the occurrence' })
  @ApiHeader(IF_MATCH_OPTIONAL)
  @ApiCreatedResponse({ description: "The work log (event 'work-logged'); ETag is the occurrence's new version" })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  async addWorkLog(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: OccurrenceWorkLogDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceWorkLogView> {
    const { view, version } = await this.execution.addWorkLog(user, id, body, parseOptionalIfMatch(ifMatch));
    reply.header('ETag', etagOf(version));
    return view;
  }

  @Post('materials')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a material line (decimal strings)' })
  @ApiHeader(IF_MATCH_OPTIONAL)
  @ApiCreatedResponse({ description: "The material line (event 'material-added'); ETag is the new version" })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  async addMaterial(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: OccurrenceMaterialDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceMaterialView> {
    const { view, version } = await this.execution.addMaterial(user, id, body, parseOptionalIfMatch(ifMatch));
    reply.header('ETag', etagOf(version));
    return view;
  }

  @Post('documents')
  @HttpCode(201)
  @AcceptsMultipartUpload()
  @ApiOperation({ summary: 'Attach evidence: a photo or the inspection report (multipart, as ticket documents)' })
  @ApiHeader(IF_MATCH_OPTIONAL)
  @ApiBody({
    description:
      'multipart/form-data: the file (at most 25 MB; PDF, JPEG, PNG, WebP or HEIC by content; photos images only) and its metadata',
    schema: multipartSchema(
      {
        title: { type: 'string', minLength: 1, maxLength: DOCUMENT_TITLE_MAX, example: 'Prüfbericht Aufzug 2' },
        documentClass: { type: 'string', enum: [...OCCURRENCE_DOCUMENT_CLASSES], example: 'inspection-report' },
        customerVisible: { type: 'string', enum: ['true', 'false'], default: 'false' },
        nextTestDue: { type: 'string', format: 'date', example: '2028-11-30' },
      },
      ['documentClass'],
    ),
  })
  @ApiCreatedResponse({ description: "The stored document (event 'document-attached'); ETag is the new version" })
  @ApiBadRequestResponse({ description: 'No file, a second file, a bad field or class; `fields` names each' })
  @ApiForbiddenResponse({ description: 'Customers do not upload; technicians only to their own or unassigned work' })
  @ApiNotFoundResponse({ description: 'Unknown occurrence, or outside the caller’s tenants' })
  @ApiConflictResponse({ description: 'Completed, cancelled or not released (details.code)' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 25 MB (`fields`: file)' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'Not multipart/form-data, or the bytes are not of an allowed type for the class (`fields`: file)',
  })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<DocumentView> {
    const expected = parseOptionalIfMatch(ifMatch);
    // 404/403/409 before a byte of the body is read.
    await this.execution.assertMayAttach(user, id);
    const upload = await readSingleUpload(request, {
      allowedTypes: EVIDENCE_TYPES,
      fields: DOCUMENT_UPLOAD_FIELDS,
      maxBytes: MAX_UPLOAD_BYTES,
    });
    const fields = (await validation.transform(upload.fields, {
      type: 'body',
      metatype: UploadDocumentFieldsDto,
    })) as UploadDocumentFieldsDto;
    if (!isOccurrenceDocumentClass(fields.documentClass)) {
      throw new RequestValidationException([
        {
          field: 'documentClass',
          messages: [`documentClass must be one of: ${OCCURRENCE_DOCUMENT_CLASSES.join(', ')}`],
        },
      ]);
    }
    const title = (fields.title ?? upload.fileName.replace(/\.[^.]{1,10}$/, '')).trim().slice(0, DOCUMENT_TITLE_MAX);
    if (title === '') {
      throw new RequestValidationException([{ field: 'title', messages: ['title must not be blank'] }]);
    }
    if (!contentTypesFor(fields.documentClass).includes(upload.contentType)) {
      throw new FieldHttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'file is not of an allowed type for its class', [
        { field: 'file', messages: [`a ${fields.documentClass} must be an image (JPEG, PNG, WebP or HEIC)`] },
      ]);
    }
    const { document, version } = await this.execution.attachDocument(
      user,
      id,
      {
        bytes: upload.bytes,
        contentType: upload.contentType,
        fileName: upload.fileName,
        title,
        documentClass: fields.documentClass,
        customerVisible: fields.customerVisible === 'true',
        nextTestDue: fields.nextTestDue ?? null,
      },
      expected,
    );
    reply.header('ETag', etagOf(version));
    return document;
  }

  @Post('complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Complete behind the evidence gate; failed items raise fault tickets (priority from the asset class)',
  })
  @ApiHeader(IF_MATCH_REQUIRED)
  @ApiOkResponse({
    description: "The detail: status from the domain, completedOn in the site's zone, followUpTicketIds",
  })
  @ApiConflictResponse({
    description:
      "details.code 'evidence-missing' with details.missing naming what is missing; or completed, cancelled, not released",
  })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceDetail> {
    return withEtag(reply, this.execution.complete(user, id, parseRequiredIfMatch(ifMatch)));
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel with a reason and an approver (a manager of the tenant or an admin)' })
  @ApiHeader(IF_MATCH_REQUIRED)
  @ApiOkResponse({ description: "The detail with the 'cancelled' event (cancelled occurrences leave compliance)" })
  @ApiBadRequestResponse({ description: 'reason blank, approverId not an active manager/admin of the tenant' })
  @ApiConflictResponse({ description: 'Completed, cancelled, or missed already (details.code)' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: CancelOccurrenceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<OccurrenceDetail> {
    return withEtag(reply, this.execution.cancel(user, id, body, parseRequiredIfMatch(ifMatch)));
  }
}

async function withEtag(reply: Reply, pending: Promise<OccurrenceDetail>): Promise<OccurrenceDetail> {
  const detail = await pending;
  reply.header('ETag', etagOf(detail.version));
  return detail;
}
