import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
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

const present = (_o: object, v: unknown): boolean => v !== undefined;
const notNull = (_o: object, v: unknown): boolean => v !== undefined && v !== null;

export class AvailabilityTargetsDto implements Partial<Record<AssetClass, string>> {
  @ApiPropertyOptional({ example: '0.995' })
  @ValidateIf(present)
  @IsShare()
  A?: string;

  @ApiPropertyOptional({ example: '0.98' })
  @ValidateIf(present)
  @IsShare()
  B?: string;

  @ApiPropertyOptional({ example: '0.95' })
  @ValidateIf(present)
  @IsShare()
  C?: string;
}

export class ContractScopeDto implements ContractScope {
  @ApiPropertyOptional({ type: [String], example: ['elevators', 'air-handling'] })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(60, { each: true })
  trades?: string[];

  @ApiPropertyOptional({ enum: ASSET_CLASSES, isArray: true })
  @ValidateIf(present)
  @IsArray()
  @ArrayUnique()
  @IsIn(ASSET_CLASSES, { each: true })
  assetClasses?: AssetClass[];

  @ApiPropertyOptional({ type: [String], example: ['user-error', 'wilful-damage'] })
  @ValidateIf(present)
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

  @ApiPropertyOptional({ nullable: true, example: '2031-12-31', description: 'Not before startsOn; null = open' })
  @ValidateIf(notNull)
  @IsLocalDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Sites of the contract's tenant" })
  @ValidateIf(present)
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
  @ValidateIf(present)
  @IsPlainObject()
  @ValidateNested()
  @Type(() => AvailabilityTargetsDto)
  availabilityTargets?: AvailabilityTargetsDto;

  @ApiPropertyOptional({ default: '24-7', description: "'24-7' or a calendar key" })
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  availabilityBasis?: string;

  @ApiPropertyOptional({ ...OBJECT_DOC, nullable: true, description: '{ capPercentOfVolume, kpis[] }' })
  @ValidateIf(notNull)
  @IsPlainObject()
  bonusMalus?: BonusMalusInput | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @ValidateIf(notNull)
  @IsUUID('all')
  priceListId?: string | null;

  @ApiProperty({ example: '2360000.00', description: 'Annual contract volume (€), decimal string' })
  @IsDecimalAmount(14, 2)
  annualVolume!: string;

  @ApiPropertyOptional({
    ...OBJECT_DOC,
    nullable: true,
    description: '{ fixedShare, labourShare, materialShare } summing to 1',
  })
  @ValidateIf(notNull)
  @IsPlainObject()
  indexation?: IndexationInput | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '5000.00' })
  @ValidateIf(notNull)
  @IsDecimalAmount(14, 2)
  capexThreshold?: string | null;

  @ApiPropertyOptional({ type: ContractScopeDto })
  @ValidateIf(present)
  @IsPlainObject()
  @ValidateNested()
  @Type(() => ContractScopeDto)
  scope?: ContractScopeDto;

  @ApiPropertyOptional({ nullable: true, description: 'A calendar key or null' })
  @ValidateIf(notNull)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  quietWarningsCalendar?: string | null;

  @ApiPropertyOptional({ ...OBJECT_DOC, nullable: true, description: 'Domain contract calculation' })
  @ValidateIf(notNull)
  @IsPlainObject()
  economics?: Record<string, unknown> | null;
}

export class UpdateContractDto implements UpdateContractRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: CONTRACT_TYPES })
  @ValidateIf(present)
  @IsIn(CONTRACT_TYPES)
  type?: ContractKind;

  @ApiPropertyOptional({ example: '2027-01-01' })
  @ValidateIf(present)
  @IsLocalDate()
  startsOn?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(notNull)
  @IsLocalDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  siteIds?: string[];

  @ApiPropertyOptional(OBJECT_DOC)
  @ValidateIf(present)
  @IsPlainObject()
  calendars?: Record<string, CalendarSpecInput>;

  @ApiPropertyOptional(OBJECT_DOC)
  @ValidateIf(present)
  @IsPlainObject()
  slaMatrix?: SlaMatrixInput;

  @ApiPropertyOptional({ type: AvailabilityTargetsDto })
  @ValidateIf(present)
  @IsPlainObject()
  @ValidateNested()
  @Type(() => AvailabilityTargetsDto)
  availabilityTargets?: AvailabilityTargetsDto;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  availabilityBasis?: string;

  @ApiPropertyOptional({ ...OBJECT_DOC, nullable: true })
  @ValidateIf(notNull)
  @IsPlainObject()
  bonusMalus?: BonusMalusInput | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @ValidateIf(notNull)
  @IsUUID('all')
  priceListId?: string | null;

  @ApiPropertyOptional({ example: '2360000.00' })
  @ValidateIf(present)
  @IsDecimalAmount(14, 2)
  annualVolume?: string;

  @ApiPropertyOptional({ ...OBJECT_DOC, nullable: true })
  @ValidateIf(notNull)
  @IsPlainObject()
  indexation?: IndexationInput | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(notNull)
  @IsDecimalAmount(14, 2)
  capexThreshold?: string | null;

  @ApiPropertyOptional({ type: ContractScopeDto })
  @ValidateIf(present)
  @IsPlainObject()
  @ValidateNested()
  @Type(() => ContractScopeDto)
  scope?: ContractScopeDto;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(notNull)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  quietWarningsCalendar?: string | null;

  @ApiPropertyOptional({ ...OBJECT_DOC, nullable: true })
  @ValidateIf(notNull)
  @IsPlainObject()
  economics?: Record<string, unknown> | null;
}

export class ContractListQueryDto implements ContractListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  tenantId?: string;
}
