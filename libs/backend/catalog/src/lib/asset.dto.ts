import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
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

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An asset of the same site' })
  @IsOptional()
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
  @ValidateIf((_o, v) => v !== undefined)
  @IsBoolean()
  inContract?: boolean;
}

export class UpdateAssetDto implements UpdateAssetRequest {
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ maxLength: 40 })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 60 })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  trade?: string;

  @ApiPropertyOptional({ enum: ASSET_CLASSES })
  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(ASSET_CLASSES)
  assetClass?: AssetClass;

  @ApiPropertyOptional()
  @ValidateIf((_o, v) => v !== undefined)
  @IsBoolean()
  inContract?: boolean;
}

export class AssetListQueryDto implements AssetListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  tenantId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Search in code, name and trade' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ASSET_CLASSES })
  @IsOptional()
  @IsIn(ASSET_CLASSES)
  assetClass?: AssetClass;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}
