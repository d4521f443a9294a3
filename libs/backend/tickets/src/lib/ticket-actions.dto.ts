import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsIsoInstant, IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  MATERIAL_KINDS,
  PRIORITIES,
  WORK_LOG_KINDS,
  type CreateCommentRequest,
  type CreateMaterialRequest,
  type CreateWorkLogRequest,
  type DispatchTicketRequest,
  type MaterialKind,
  type PauseTicketRequest,
  type Priority,
  type ReopenTicketRequest,
  type RestoreTicketRequest,
  type TicketActionNoteRequest,
  type UpdateTicketRequest,
  type WorkLogKind,
} from '@leitstand/api-contracts';

export class TicketActionNoteDto implements TicketActionNoteRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class DispatchTicketDto implements DispatchTicketRequest {
  @ApiProperty({ format: 'uuid', description: "A technician serving the ticket's tenant" })
  @IsUUID()
  assigneeId!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class PauseTicketDto implements PauseTicketRequest {
  @ApiProperty({ maxLength: 1000, example: 'Warten auf Kunde (Zugang)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptionalNotNull()
  @IsIsoInstant()
  until?: string;
}

export class RestoreTicketDto implements RestoreTicketRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReopenTicketDto implements ReopenTicketRequest {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class UpdateTicketDto implements UpdateTicketRequest {
  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required with a priority change' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  priorityReason?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  assetDown?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  inScope?: boolean;

  @NullableField({ type: String, maxLength: 2000, description: 'null clears' })
  @IsString()
  @MaxLength(2000)
  scopeNote?: string | null;

  @NullableField({ type: String, maxLength: 60, description: 'null clears' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  category?: string | null;

  @NullableField({ type: String, maxLength: 5000, description: 'null clears' })
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

export class CreateCommentDto implements CreateCommentRequest {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;

  @ApiPropertyOptional({ default: false, description: 'Never shown to customers (customers cannot write one)' })
  @IsOptionalNotNull()
  @IsBoolean()
  internal?: boolean;
}

export class CreateWorkLogDto implements CreateWorkLogRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the caller' })
  @IsOptionalNotNull()
  @IsUUID()
  workerId?: string;

  @ApiProperty({ maxLength: 60, example: 'service-technician' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  role!: string;

  @ApiProperty({ enum: WORK_LOG_KINDS })
  @IsIn(WORK_LOG_KINDS)
  kind!: WorkLogKind;

  @ApiProperty({ format: 'date-time' })
  @IsIsoInstant()
  startedAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsIsoInstant()
  endedAt!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateMaterialDto implements CreateMaterialRequest {
  @ApiPropertyOptional({ enum: MATERIAL_KINDS, default: 'material' })
  @IsOptionalNotNull()
  @IsIn(MATERIAL_KINDS)
  kind?: MaterialKind;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description!: string;

  @ApiProperty({ example: '12.90', description: 'Net EUR per unit, at most 2 decimals' })
  @IsString()
  @Matches(/^\d{1,10}(\.\d{1,2})?$/, { message: 'netUnitPrice must be a decimal string ≥ 0 with at most 2 decimals' })
  netUnitPrice!: string;

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
}
