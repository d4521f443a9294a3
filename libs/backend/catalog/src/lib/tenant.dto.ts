import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@leitstand/backend/core';
import type { CreateTenantRequest, UpdateTenantRequest } from '@leitstand/api-contracts';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ maxLength: 60, pattern: SLUG_PATTERN.source, example: 'stadtwerke-nord' })
  @IsString()
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case kebab-case (a-z, 0-9, "-")' })
  slug!: string;

  @ApiProperty({ maxLength: 200, example: 'Stadtwerke Nord GmbH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class UpdateTenantDto implements UpdateTenantRequest {
  @ApiPropertyOptional({ maxLength: 60, pattern: SLUG_PATTERN.source })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case kebab-case (a-z, 0-9, "-")' })
  slug?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}
