import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  ASSET_CLASSES,
  CONTRACT_TYPES,
  type AssetClass,
  type BonusMalusInput,
  type CalendarSpecInput,
  type ContractKind,
  type ContractListQuery,
  type ContractScope,
  type CreateContractRequest,
  type IndexationInput,
  type SlaMatrixInput,
  type UpdateContractRequest,
} from '@leitstand/api-contracts';
import { IsDecimalAmount, IsLocalDate, IsPlainObject, IsShare } from './catalog.validators';

export class AvailabilityTargetsDto implements Partial<Record<AssetClass, string>> {
  @ApiPropertyOptional({ example: '0.995' })
  @IsOptionalNotNull()
  @IsShare()
  A?: string;

  @ApiPropertyOptional({ example: '0.98' })
  @IsOptionalNotNull()
  @IsShare()
  B?: string;

  @ApiPropertyOptional({ example: '0.95' })
  @IsOptionalNotNull()
  @IsShare()
  C?: string;
}

export class ContractScopeDto implements ContractScope {
  @ApiPropertyOptional({ type: [String], example: ['elevators', 'air-handling'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(60, { each: true })
  trades?: string[];

  @ApiPropertyOptional({ enum: ASSET_CLASSES, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @IsIn(ASSET_CLASSES, { each: true })
  assetClasses?: AssetClass[];

  @ApiPropertyOptional({ type: [String], example: ['user-error', 'wilful-damage'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  exclusions?: string[];
}

const OBJECT_DOC = { type: 'object', additionalProperties: true } as const;

/** Fields shared by create and update; in an update every one is optional. */
export class CreateContractDto implements CreateContractRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  tenantId!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: CONTRACT_TYPES })
  @IsIn(CONTRACT_TYPES)
  type!: ContractKind;

  @ApiProperty({ example: '2027-01-01' })
  @IsLocalDate()
  startsOn!: string;

  @NullableField({
    type: String,
    format: 'date',
    example: '2031-12-31',
    description: 'Not before startsOn; null = open',
  })
  @IsLocalDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Sites of the contract's tenant" })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  siteIds?: string[];

  @ApiProperty({ ...OBJECT_DOC, description: 'Calendar specs by key (timezone/holidayRegion default to the site)' })
  @IsPlainObject()
  calendars!: Record<string, CalendarSpecInput>;

  @ApiProperty({
    ...OBJECT_DOC,
    description: 'Per priority A/B/C: response and restore {budget, calendar, warningShare?}',
  })
  @IsPlainObject()
  slaMatrix!: SlaMatrixInput;

  @ApiPropertyOptional({ type: AvailabilityTargetsDto })
  @IsOptionalNotNull()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => AvailabilityTargetsDto)
  availabilityTargets?: AvailabilityTargetsDto;

  @ApiPropertyOptional({ default: '24-7', description: "'24-7' or a calendar key" })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  availabilityBasis?: string;

  @NullableField({ ...OBJECT_DOC, description: '{ capPercentOfVolume, kpis[] }' })
  @IsPlainObject()
  bonusMalus?: BonusMalusInput | null;

  @NullableField({ type: String, format: 'uuid' })
  @IsUUID('all')
  priceListId?: string | null;

  @ApiProperty({ example: '2360000.00', description: 'Annual contract volume (€), decimal string' })
  @IsDecimalAmount(14, 2)
  annualVolume!: string;

  @NullableField({ ...OBJECT_DOC, description: '{ fixedShare, labourShare, materialShare } summing to 1' })
  @IsPlainObject()
  indexation?: IndexationInput | null;

  @NullableField({ type: String, example: '5000.00' })
  @IsDecimalAmount(14, 2)
  capexThreshold?: string | null;

  @ApiPropertyOptional({ type: ContractScopeDto })
  @IsOptionalNotNull()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => ContractScopeDto)
  scope?: ContractScopeDto;

  @NullableField({ type: String, description: 'A calendar key or null' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  quietWarningsCalendar?: string | null;

  @NullableField({ ...OBJECT_DOC, description: 'Domain contract calculation' })
  @IsPlainObject()
  economics?: Record<string, unknown> | null;
}

export class UpdateContractDto implements UpdateContractRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: CONTRACT_TYPES })
  @IsOptionalNotNull()
  @IsIn(CONTRACT_TYPES)
  type?: ContractKind;

  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptionalNotNull()
  @IsLocalDate()
  startsOn?: string;

  @NullableField({ type: String, format: 'date' })
  @IsLocalDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  siteIds?: string[];

  @ApiPropertyOptional(OBJECT_DOC)
  @IsOptionalNotNull()
  @IsPlainObject()
  calendars?: Record<string, CalendarSpecInput>;

  @ApiPropertyOptional(OBJECT_DOC)
  @IsOptionalNotNull()
  @IsPlainObject()
  slaMatrix?: SlaMatrixInput;

  @ApiPropertyOptional({ type: AvailabilityTargetsDto })
  @IsOptionalNotNull()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => AvailabilityTargetsDto)
  availabilityTargets?: AvailabilityTargetsDto;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  availabilityBasis?: string;

  @NullableField({ ...OBJECT_DOC })
  @IsPlainObject()
  bonusMalus?: BonusMalusInput | null;

  @NullableField({ type: String, format: 'uuid' })
  @IsUUID('all')
  priceListId?: string | null;

  @ApiPropertyOptional({ example: '2360000.00' })
  @IsOptionalNotNull()
  @IsDecimalAmount(14, 2)
  annualVolume?: string;

  @NullableField({ ...OBJECT_DOC })
  @IsPlainObject()
  indexation?: IndexationInput | null;

  @NullableField({ type: String })
  @IsDecimalAmount(14, 2)
  capexThreshold?: string | null;

  @ApiPropertyOptional({ type: ContractScopeDto })
  @IsOptionalNotNull()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => ContractScopeDto)
  scope?: ContractScopeDto;

  @NullableField({ type: String })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  quietWarningsCalendar?: string | null;

  @NullableField({ ...OBJECT_DOC })
  @IsPlainObject()
  economics?: Record<string, unknown> | null;
}

export class ContractListQueryDto implements ContractListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all')
  tenantId?: string;
}
