import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  ASSET_CLASSES,
  type AssetClass,
  type AssetListQuery,
  type CreateAssetRequest,
  type UpdateAssetRequest,
} from '@leitstand/api-contracts';

export class CreateAssetDto implements CreateAssetRequest {
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

export class UpdateAssetDto implements UpdateAssetRequest {
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

  @ApiPropertyOptional({ maxLength: 100, description: 'Search in code, name and trade' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ASSET_CLASSES })
  @IsOptionalNotNull()
  @IsIn(ASSET_CLASSES)
  assetClass?: AssetClass;

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
