import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@leitstand/backend/core';
import {
  SERVICE_REPORT_PDF_LANGUAGES,
  SIGNATURE_MAX_BYTES,
  SIGNER_NAME_MAX_LENGTH,
  type ServiceReportPdfLanguage,
  type SignServiceReportRequest,
} from '@leitstand/api-contracts';

/** Base64 of SIGNATURE_MAX_BYTES plus the data-URL prefix. */
export const SIGNATURE_MAX_CHARS = Math.ceil(SIGNATURE_MAX_BYTES / 3) * 4 + 'data:image/png;base64,'.length;

/** The customer's sign-off: typed name and drawn signature (PNG data URL). */
export class SignServiceReportDto implements SignServiceReportRequest {
  @ApiProperty({ maxLength: SIGNER_NAME_MAX_LENGTH, example: 'Erika Mustermann' })
  @IsString()
  @IsNotEmpty({ message: 'signerName: the customer’s name is required' })
  @Matches(/\S/, { message: 'signerName: the customer’s name is required' })
  @MaxLength(SIGNER_NAME_MAX_LENGTH)
  signerName!: string;

  @ApiProperty({
    maxLength: SIGNATURE_MAX_CHARS,
    description: `The drawn signature as \`data:image/png;base64,…\`, at most ${SIGNATURE_MAX_BYTES} bytes decoded`,
  })
  @IsString()
  @MaxLength(SIGNATURE_MAX_CHARS, { message: `signature: at most ${SIGNATURE_MAX_BYTES} bytes of PNG` })
  @Matches(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, {
    message: 'signature must be a PNG data URL (data:image/png;base64,…)',
  })
  signature!: string;

  @ApiPropertyOptional({ enum: SERVICE_REPORT_PDF_LANGUAGES, description: 'Language of the stored PDF (default de)' })
  @IsOptionalNotNull()
  @IsIn(SERVICE_REPORT_PDF_LANGUAGES)
  lang?: ServiceReportPdfLanguage;
}
