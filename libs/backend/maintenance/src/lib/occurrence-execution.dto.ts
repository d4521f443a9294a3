import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { IsIsoInstant, IsOptionalNotNull } from '@leitstand/backend/core';
import { isCivilDate } from '@leitstand/domain';
import {
  CHECKLIST_OUTCOMES,
  INSPECTION_RESULTS,
  TECHNICIAN_RANGES,
  type CancelOccurrenceRequest,
  type ChecklistOutcome,
  type ChecklistResultInput,
  type ComplianceQuery,
  type CreateOccurrenceMaterialRequest,
  type CreateOccurrenceWorkLogRequest,
  type InspectionRecordInput,
  type InspectionResult,
  type PutChecklistRequest,
  type TechnicianOccurrenceQuery,
  type TechnicianRange,
} from '@leitstand/api-contracts';

/** A plan date 'yyyy-mm-dd' that exists in the calendar (2026-02-30 does not). */
function IsPlanDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlanDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCivilDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date 'YYYY-MM-DD'`,
      },
    },
    options,
  );
}

/** A JSON object (not an array, not null) — each checklist entry. */
function IsJsonObject(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonObject',
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must contain objects`,
      },
    },
    options,
  );
}

/** Most items a checklist may carry (the longest task of the catalogue has far fewer). */
export const CHECKLIST_MAX_ITEMS = 200;

export class ChecklistResultDto implements ChecklistResultInput {
  @ApiProperty({ maxLength: 80, example: 'brakes', description: "An item key of the occurrence's task" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  key!: string;

  @ApiProperty({ enum: CHECKLIST_OUTCOMES })
  @IsIn(CHECKLIST_OUTCOMES)
  outcome!: ChecklistOutcome;

  @ApiPropertyOptional({ maxLength: 100, example: '0.42', description: "The measured value of a 'value' item" })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  value?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class PutChecklistDto implements PutChecklistRequest {
  @ApiProperty({
    type: [ChecklistResultDto],
    maxItems: CHECKLIST_MAX_ITEMS,
    description: 'The whole checklist as it stands (replaces the last one); each key at most once',
  })
  @IsArray()
  @ArrayMaxSize(CHECKLIST_MAX_ITEMS)
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ChecklistResultDto)
  results!: ChecklistResultDto[];
}

/** The fields of an inspection record (BetrSichV §17); the asset is the occurrence's. */
export class InspectionRecordDto implements InspectionRecordInput {
  @ApiProperty({ format: 'date', example: '2026-12-03', description: 'Day of the inspection (not in the future)' })
  @IsPlanDate()
  date!: string;

  @ApiProperty({ maxLength: 200, example: 'Hauptprüfung' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  type!: string;

  @ApiProperty({ maxLength: 2000, example: 'Prüfung nach § 16 BetrSichV, Anhang 2 Abschnitt 2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  scope!: string;

  @ApiProperty({ enum: INSPECTION_RESULTS })
  @IsIn(INSPECTION_RESULTS)
  result!: InspectionResult;

  @ApiProperty({ type: [String], maxItems: 100, description: "Required unless result is 'no-defects'" })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  defects!: string[];

  @ApiPropertyOptional({
    format: 'date',
    example: '2028-11-30',
    description: 'The next deadline the inspector set (after `date`); a shorter one than the plan recomputes it',
  })
  @IsOptionalNotNull()
  @IsPlanDate()
  nextDeadline?: string;

  @ApiProperty({ maxLength: 200, example: 'Dipl.-Ing. M. Berger' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  inspector!: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'TÜV SÜD Industrie Service GmbH',
    description: 'The approved inspection body (ZÜS); required when the requirement is performed by one',
  })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  body?: string;
}

export class OccurrenceWorkLogDto implements CreateOccurrenceWorkLogRequest {
  @ApiProperty({ minimum: 1, maximum: 1440, example: 45 })
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes!: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the work was done; defaults to now' })
  @IsOptionalNotNull()
  @IsIsoInstant()
  loggedAt?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class OccurrenceMaterialDto implements CreateOccurrenceMaterialRequest {
  @ApiProperty({ maxLength: 200, example: 'Filtermatte G4' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description!: string;

  @ApiProperty({ example: '2', description: 'Decimal string > 0 with at most 3 decimals' })
  @IsString()
  @Matches(/^(?=.*[1-9])\d{1,9}(\.\d{1,3})?$/, {
    message: 'quantity must be a decimal string > 0 with at most 3 decimals',
  })
  quantity!: string;

  @ApiPropertyOptional({ maxLength: 20, default: 'Stk' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  unit?: string;

  @ApiPropertyOptional({ example: '12.90', description: 'Net EUR per unit, at most 2 decimals (omit: not priced)' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^\d{1,10}(\.\d{1,2})?$/, { message: 'unitPrice must be a decimal string ≥ 0 with at most 2 decimals' })
  unitPrice?: string;
}

export class CancelOccurrenceDto implements CancelOccurrenceRequest {
  @ApiProperty({ maxLength: 1000, example: 'Anlage stillgelegt (Rückbau März)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  @ApiProperty({ format: 'uuid', description: "An active manager of the occurrence's tenant, or an admin" })
  @IsUUID()
  approverId!: string;
}

export class TechnicianOccurrenceQueryDto implements TechnicianOccurrenceQuery {
  @ApiPropertyOptional({ enum: TECHNICIAN_RANGES, default: 'today' })
  @IsOptionalNotNull()
  @IsIn(TECHNICIAN_RANGES)
  range?: TechnicianRange;
}

export class ComplianceQueryDto implements ComplianceQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  contractId!: string;

  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First day of the period' })
  @IsPlanDate()
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'Last day of the period (≤ 366 days)' })
  @IsPlanDate()
  to!: string;
}
