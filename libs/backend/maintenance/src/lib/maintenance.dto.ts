import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  EVIDENCE_KINDS,
  PERFORMERS,
  type AnchorView,
  type CadenceView,
  type CreateMaintenanceRequirementRequest,
  type EvidenceKindValue,
  type MaintenanceRequirementListQuery,
  type OccurrenceCalendarQuery,
  type PerformerValue,
  type UpdateMaintenanceRequirementRequest,
} from '@leitstand/api-contracts';

const PLAN_DATE = /^\d{4}-\d{2}-\d{2}$/;

function IsJsonObject(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonObject',
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an object`,
      },
    },
    options,
  );
}

const CADENCE_DOC = {
  description: '{ every, unit: week|month|year } or { timesPerYear: 1|2|3|4|6|12|52 }; defaults to the task’s',
  example: { every: 2, unit: 'month' },
  type: 'object',
  additionalProperties: true,
} as const;

const ANCHOR_DOC = {
  description:
    '{ kind: "fixed-grid" | "floating", start: "yyyy-mm-dd" } or { kind: "statutory", lastTest: "yyyy-mm-dd", intermediate? }',
  example: { kind: 'fixed-grid', start: '2026-01-01' },
  type: 'object',
  additionalProperties: true,
} as const;

/** Fields the domain's parseRequirement validates (names each bad field, e.g. 'anchor.start'). */
class RequirementScheduleFields {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Defaults to the task’s German title' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'A statutory task stays statutory' })
  @IsOptionalNotNull()
  @IsBoolean()
  statutory?: boolean;

  @ApiPropertyOptional(CADENCE_DOC)
  @IsOptionalNotNull()
  @IsJsonObject()
  cadence?: CadenceView | { timesPerYear: number };

  @ApiPropertyOptional({ minimum: 0, maximum: 366, description: 'Defaults to the cadence’s default lead time' })
  @IsOptionalNotNull()
  @IsInt()
  leadDays?: number;

  @ApiPropertyOptional({ enum: PERFORMERS })
  @IsOptionalNotNull()
  @IsIn(PERFORMERS)
  performer?: PerformerValue;

  @ApiPropertyOptional({ enum: EVIDENCE_KINDS, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(EVIDENCE_KINDS.length)
  evidence?: EvidenceKindValue[];

  @NullableField({ type: 'string', example: '400.00', description: 'Net fee per occurrence; null = not billed' })
  @IsString()
  fee?: string | null;

  @ApiPropertyOptional({ description: 'Inactive requirements generate nothing; their open occurrences are cancelled' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class CreateMaintenanceRequirementDto
  extends RequirementScheduleFields
  implements CreateMaintenanceRequirementRequest
{
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  contractId!: string;

  @ApiProperty({ example: 'elevator.maintenance', description: 'A key of GET /maintenance/tasks' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  taskKey!: string;

  @ApiProperty({ format: 'uuid', description: 'A site of the contract' })
  @IsUUID()
  siteId!: string;

  @NullableField({ type: 'string', format: 'uuid', description: 'One asset of the site; null selects by site' })
  @IsUUID()
  assetId?: string | null;

  @NullableField({ type: 'string', example: 'elevators', description: 'Selection: only assets of this trade' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  trade?: string | null;

  @NullableField({ type: 'string', enum: ['A', 'B', 'C'], description: 'Selection: only assets of this class' })
  @IsIn(['A', 'B', 'C'])
  assetClass?: 'A' | 'B' | 'C' | null;

  @ApiProperty(ANCHOR_DOC)
  @IsJsonObject()
  anchor!: AnchorView;
}

export class UpdateMaintenanceRequirementDto
  extends RequirementScheduleFields
  implements UpdateMaintenanceRequirementRequest
{
  @ApiPropertyOptional(ANCHOR_DOC)
  @IsOptionalNotNull()
  @IsJsonObject()
  anchor?: AnchorView;
}

export class MaintenanceRequirementListQueryDto implements MaintenanceRequirementListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  assetId?: string;
}

export class OccurrenceCalendarQueryDto implements OccurrenceCalendarQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One site (else every visible site)' })
  @IsOptionalNotNull()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ example: 'elevators' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  trade?: string;

  @ApiProperty({ format: 'date', example: '2026-12-01', description: 'Target dates from (inclusive)' })
  @IsString()
  @Matches(PLAN_DATE, { message: 'from must be a date yyyy-mm-dd' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'Target dates to (inclusive)' })
  @IsString()
  @Matches(PLAN_DATE, { message: 'to must be a date yyyy-mm-dd' })
  to!: string;

  @ApiPropertyOptional({ example: 'due,overdue', description: 'Comma-separated statuses' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  status?: string;
}
