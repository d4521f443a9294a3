import { HttpStatus, applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { DOCUMENT_CLASS_VALUES, DOCUMENT_TITLE_MAX, type DocumentView } from '@leitstand/api-contracts';
import type { AuthUser } from '@leitstand/backend/core';
import {
  DOCUMENT_UPLOAD_FIELDS,
  UploadDocumentFieldsDto,
  type DocumentTarget,
  type DocumentsService,
} from '@leitstand/backend/documents';
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

/** What the document store takes (by content): PDF, JPEG, PNG, WebP, HEIC/HEIF. Photos: images only. */
const DOCUMENT_TYPES = [
  UPLOAD_TYPES.pdf,
  UPLOAD_TYPES.jpeg,
  UPLOAD_TYPES.png,
  UPLOAD_TYPES.webp,
  UPLOAD_TYPES.heic,
  UPLOAD_TYPES.heif,
];

const validation = createValidationPipe();

/** OpenAPI and the multipart opt-in of an upload route. */
export function ApiDocumentUpload(target: string): MethodDecorator {
  return applyDecorators(
    AcceptsMultipartUpload(),
    ApiBody({
      description: `multipart/form-data: the file (at most 25 MB; PDF, JPEG, PNG, WebP or HEIC by content) and its metadata`,
      schema: multipartSchema(
        {
          title: { type: 'string', minLength: 1, maxLength: DOCUMENT_TITLE_MAX, example: 'Foto Schaltschrank' },
          documentClass: { type: 'string', enum: [...DOCUMENT_CLASS_VALUES], example: 'photo' },
          customerVisible: { type: 'string', enum: ['true', 'false'], default: 'false' },
          nextTestDue: { type: 'string', format: 'date', example: '2028-11-30' },
        },
        ['documentClass'],
      ),
    }),
    ApiCreatedResponse({ description: `The stored document, attached to the ${target}` }),
    ApiBadRequestResponse({ description: 'No file, a second file, or a bad field; `fields` names each' }),
    ApiForbiddenResponse({ description: 'Customers do not upload' }),
    ApiNotFoundResponse({ description: `Unknown ${target}, or outside the caller’s tenants` }),
    ApiPayloadTooLargeResponse({ description: 'The file is larger than 25 MB (`fields`: file)' }),
    ApiUnsupportedMediaTypeResponse({
      description: 'Not multipart/form-data, or the bytes are not of an allowed type for the class (`fields`: file)',
    }),
  );
}

/**
 * One upload: the target is checked first (404 before a byte of the body is read), then the form is read
 * (one file, the named fields), the fields validated like any DTO, the real type checked against the class,
 * and the document stored.
 */
export async function uploadDocument(
  documents: DocumentsService,
  user: AuthUser,
  target: DocumentTarget,
  request: FastifyRequest,
): Promise<DocumentView> {
  documents.assertMayUpload(user);
  const visible = await documents.visibleTarget(user, target);
  const upload = await readSingleUpload(request, {
    allowedTypes: DOCUMENT_TYPES,
    fields: DOCUMENT_UPLOAD_FIELDS,
    maxBytes: MAX_UPLOAD_BYTES,
  });
  const fields = (await validation.transform(upload.fields, {
    type: 'body',
    metatype: UploadDocumentFieldsDto,
  })) as UploadDocumentFieldsDto;
  const title = (fields.title ?? upload.fileName.replace(/\.[^.]{1,10}$/, '')).trim().slice(0, DOCUMENT_TITLE_MAX);
  if (title === '') {
    throw new RequestValidationException([{ field: 'title', messages: ['title must not be blank'] }]);
  }
  if (!contentTypesFor(fields.documentClass).includes(upload.contentType)) {
    throw new FieldHttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'file is not of an allowed type for its class', [
      { field: 'file', messages: [`a ${fields.documentClass} must be an image (JPEG, PNG, WebP or HEIC)`] },
    ]);
  }
  return documents.upload(user, visible, {
    bytes: upload.bytes,
    contentType: upload.contentType,
    fileName: upload.fileName,
    title,
    documentClass: fields.documentClass,
    customerVisible: fields.customerVisible === 'true',
    nextTestDue: fields.nextTestDue ?? null,
  });
}
