import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import {
  DOCUMENT_CLASS_VALUES,
  DOCUMENT_TITLE_MAX,
  type DocumentClassValue,
  type DocumentUploadFields,
  type UpdateDocumentRequest,
} from '@leitstand/api-contracts';
import { IsOptionalNotNull } from '@leitstand/backend/core';
import { DOCUMENT_CLASSES } from '@leitstand/domain';

// The contract's list and the domain's are the same (a drift breaks the build here).
const SAME_CLASSES: readonly DocumentClassValue[] = DOCUMENT_CLASSES;
void SAME_CLASSES;

/** The text fields of an upload form (multipart/form-data; every value arrives as text). */
export class UploadDocumentFieldsDto implements DocumentUploadFields {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: DOCUMENT_TITLE_MAX,
    description: 'Default: the file name without its extension',
    example: 'Prüfbericht Aufzug 2',
  })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DOCUMENT_TITLE_MAX)
  title?: string;

  @ApiProperty({ enum: DOCUMENT_CLASS_VALUES, example: 'photo' })
  @IsIn(DOCUMENT_CLASS_VALUES)
  documentClass!: DocumentClassValue;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Shown to the tenant’s customers' })
  @IsOptionalNotNull()
  @IsIn(['true', 'false'])
  customerVisible?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2028-11-30',
    description: 'Inspection reports: when the next test is due (kept at least until then)',
  })
  @IsOptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'nextTestDue must be a date YYYY-MM-DD' })
  nextTestDue?: string;
}

/** The form field names readSingleUpload accepts besides `file`. */
export const DOCUMENT_UPLOAD_FIELDS = ['title', 'documentClass', 'customerVisible', 'nextTestDue'] as const;

/** PATCH /api/documents/:id: a new title and/or the customer visibility (JSON). */
export class UpdateDocumentDto implements UpdateDocumentRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: DOCUMENT_TITLE_MAX, example: 'Prüfbericht Aufzug 2 (2026)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DOCUMENT_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ description: 'Shown to the tenant’s customers' })
  @IsOptionalNotNull()
  @IsBoolean()
  customerVisible?: boolean;
}
