import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  GERMAN_STATES,
  type CreateSiteRequest,
  type GermanState,
  type SiteListQuery,
  type UpdateSiteRequest,
} from '@leitstand/api-contracts';
import { IsDecimalAmount, IsIanaTimeZone } from './catalog.validators';

const STATE_MESSAGE = `state must be a German state as holiday region: ${GERMAN_STATES.join(', ')}`;

export class CreateSiteDto implements CreateSiteRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  tenantId!: string;

  @ApiProperty({ maxLength: 200, example: 'Werk Süd' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 200, example: 'Industriestraße 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  street!: string;

  @ApiProperty({ maxLength: 10, example: '80331' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  postalCode!: string;

  @ApiProperty({ maxLength: 100, example: 'München' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city!: string;

  @ApiProperty({ enum: GERMAN_STATES, description: 'Holiday region (Bundesland)' })
  @IsIn(GERMAN_STATES, { message: STATE_MESSAGE })
  state!: GermanState;

  @ApiPropertyOptional({ default: 'Europe/Berlin', description: 'IANA time zone' })
  @IsOptionalNotNull()
  @IsIanaTimeZone()
  timezone?: string;

  @NullableField({ type: String, example: '41000.00', description: 'm², decimal string; null = unknown' })
  @IsDecimalAmount(12, 2)
  areaM2?: string | null;

  @NullableField({
    type: String,
    example: '12.5',
    description: "One-way road distance from the provider's base in km (decimal string, ≤ 1 decimal); null = unknown",
  })
  @IsDecimalAmount(6, 1)
  distanceKm?: string | null;

  @NullableField({
    type: String,
    maxLength: 40,
    example: '1',
    description: "Travel zone id of the provider's price list (seed 004: '0'–'3'); null = none",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  travelZone?: string | null;
}

export class UpdateSiteDto implements UpdateSiteRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  street?: string;

  @ApiPropertyOptional({ maxLength: 10 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  postalCode?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ enum: GERMAN_STATES })
  @IsOptionalNotNull()
  @IsIn(GERMAN_STATES, { message: STATE_MESSAGE })
  state?: GermanState;

  @ApiPropertyOptional({ description: 'IANA time zone' })
  @IsOptionalNotNull()
  @IsIanaTimeZone()
  timezone?: string;

  @NullableField({ type: String, example: '41000.00', description: 'm², decimal string; null clears' })
  @IsDecimalAmount(12, 2)
  areaM2?: string | null;

  @NullableField({
    type: String,
    example: '12.5',
    description: "One-way road distance from the provider's base in km (decimal string, ≤ 1 decimal); null = unknown",
  })
  @IsDecimalAmount(6, 1)
  distanceKm?: string | null;

  @NullableField({
    type: String,
    maxLength: 40,
    example: '1',
    description: "Travel zone id of the provider's price list (seed 004: '0'–'3'); null = none",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  travelZone?: string | null;
}

export class SiteListQueryDto implements SiteListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all')
  tenantId?: string;
}
