import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  ASSET_ATTRIBUTES_MAX,
  ASSET_ATTRIBUTE_KEY_MAX,
  ASSET_ATTRIBUTE_VALUE_MAX,
  ASSET_CLASSES,
  ASSET_SORTS,
  ASSET_EXPORT_FORMATS,
  SHEET_LANGUAGES,
  type AssetExportFormat,
  type SheetLanguage,
  type AssetClass,
  type AssetListQuery,
  type AssetSort,
  type CreateAssetRequest,
  type UpdateAssetRequest,
} from '@leitstand/api-contracts';
import { IsAssetAttributes, IsLocalDate } from './catalog.validators';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The master data fields of an asset (issue 14), the same on create and update. */
class AssetDetailsDto {
  @NullableField({ type: String, format: 'uuid', description: 'A location of the same site; null = none' })
  @IsUUID('all')
  locationId?: string | null;

  @NullableField({ type: String, maxLength: 100, example: 'Schindler' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  manufacturer?: string | null;

  @NullableField({ type: String, maxLength: 100, example: '3300' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  model?: string | null;

  @NullableField({ type: String, maxLength: 100, example: 'SN-4711-0815' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serialNumber?: string | null;

  @NullableField({ type: Number, minimum: 1800, maximum: 2200, example: 2014 })
  @IsInt()
  @Min(1800)
  @Max(2200)
  yearBuilt?: number | null;

  @NullableField({ type: String, format: 'date', example: '2027-06-30', description: 'Last day of the warranty' })
  @IsLocalDate()
  warrantyUntil?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: ASSET_ATTRIBUTE_VALUE_MAX },
    example: { Leistung: '11 kW', Tragkraft: '1000 kg' },
    description: `Free technical attributes (≤ ${ASSET_ATTRIBUTES_MAX} keys of 1–${ASSET_ATTRIBUTE_KEY_MAX} characters, string values ≤ ${ASSET_ATTRIBUTE_VALUE_MAX}); replaces the whole map`,
  })
  @IsOptionalNotNull()
  @IsAssetAttributes(ASSET_ATTRIBUTES_MAX, ASSET_ATTRIBUTE_KEY_MAX, ASSET_ATTRIBUTE_VALUE_MAX)
  attributes?: Record<string, string>;

  @NullableField({ type: String, maxLength: 60, example: 'kaelte-nord', description: 'k-of-n redundancy group key' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  redundancyGroup?: string | null;
}

export class CreateAssetDto extends AssetDetailsDto implements CreateAssetRequest {
  @ApiProperty({ format: 'uuid', description: 'The asset belongs to the tenant of its site' })
  @IsUUID('all')
  siteId!: string;

  @NullableField({ type: String, format: 'uuid', description: 'An asset of the same site; null = none' })
  @IsUUID('all')
  parentId?: string | null;

  @ApiProperty({ maxLength: 40, example: 'AZ-03', description: 'Unique per tenant' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code!: string;

  @ApiProperty({ maxLength: 200, example: 'Aufzug Haus C' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 60, example: 'elevators' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  trade!: string;

  @ApiProperty({ enum: ASSET_CLASSES })
  @IsIn(ASSET_CLASSES)
  assetClass!: AssetClass;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  inContract?: boolean;
}

export class UpdateAssetDto extends AssetDetailsDto implements UpdateAssetRequest {
  @NullableField({ type: String, format: 'uuid', description: 'An asset of the same site; null detaches' })
  @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 60 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  trade?: string;

  @ApiPropertyOptional({ enum: ASSET_CLASSES })
  @IsOptionalNotNull()
  @IsIn(ASSET_CLASSES)
  assetClass?: AssetClass;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  inContract?: boolean;
}

export class AssetListQueryDto implements AssetListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all')
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all')
  tenantId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Case-insensitive substring of code, name, manufacturer, serial number or trade',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ASSET_CLASSES })
  @IsOptionalNotNull()
  @IsIn(ASSET_CLASSES)
  assetClass?: AssetClass;

  @ApiPropertyOptional({ maxLength: 60 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(60)
  trade?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean()
  inContract?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Assets in this location or below it' })
  @IsOptionalNotNull()
  @IsUUID('all')
  locationId?: string;

  @ApiPropertyOptional({ enum: ASSET_SORTS, default: 'code' })
  @IsOptionalNotNull()
  @IsIn(ASSET_SORTS)
  sort?: AssetSort;

  @ApiPropertyOptional({ type: Boolean, description: 'true: the answer carries total (all matches)' })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean()
  withTotal?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}

export class AssetTicketsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class AssetExportQueryDto {
  @ApiPropertyOptional({ enum: ASSET_EXPORT_FORMATS, default: 'xlsx' })
  @IsOptionalNotNull()
  @IsIn(ASSET_EXPORT_FORMATS)
  format?: AssetExportFormat;

  @ApiPropertyOptional({ enum: SHEET_LANGUAGES, default: 'de', description: 'Language of the column headers' })
  @IsOptionalNotNull()
  @IsIn(SHEET_LANGUAGES)
  lang?: SheetLanguage;
}
