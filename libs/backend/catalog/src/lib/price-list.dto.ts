import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@leitstand/backend/core';
import type { CreatePriceListRequest, UpdatePriceListRequest } from '@leitstand/api-contracts';
import { IsLocalDate, IsPlainObject } from './catalog.validators';

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const KEY_MESSAGE = 'key must be lower-case kebab-case (a-z, 0-9, "-")';

export class CreatePriceListDto implements CreatePriceListRequest {
  @ApiProperty({ maxLength: 80, pattern: KEY_PATTERN.source, example: 'seed-004-itk-service-price-list' })
  @IsString()
  @MaxLength(80)
  @Matches(KEY_PATTERN, { message: KEY_MESSAGE })
  key!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  validFrom!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Price list document (parsePriceList)' })
  @IsPlainObject()
  data!: Record<string, unknown>;
}

export class UpdatePriceListDto implements UpdatePriceListRequest {
  @ApiPropertyOptional({ maxLength: 80, pattern: KEY_PATTERN.source })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(80)
  @Matches(KEY_PATTERN, { message: KEY_MESSAGE })
  key?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptionalNotNull()
  @IsLocalDate()
  validFrom?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptionalNotNull()
  @IsPlainObject()
  data?: Record<string, unknown>;
}
