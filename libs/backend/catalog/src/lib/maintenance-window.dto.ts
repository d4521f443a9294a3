import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIsoInstant, IsOptionalNotNull } from '@leitstand/backend/core';
import {
  MAINTENANCE_WINDOW_MAX_DAYS,
  MAINTENANCE_WINDOW_REASON_MAX,
  type CreateMaintenanceWindowRequest,
  type MaintenanceWindowListQuery,
  type UpdateMaintenanceWindowRequest,
} from '@leitstand/api-contracts';

export class CreateMaintenanceWindowDto implements CreateMaintenanceWindowRequest {
  @ApiProperty({ format: 'date-time', example: '2026-10-12T06:00:00Z', description: 'Start of the planned downtime' })
  @IsIsoInstant()
  startsAt!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-10-12T10:00:00Z',
    description: `Exclusive end; after startsAt and at most ${MAINTENANCE_WINDOW_MAX_DAYS} days later`,
  })
  @IsIsoInstant()
  endsAt!: string;

  @ApiProperty({ minLength: 1, maxLength: MAINTENANCE_WINDOW_REASON_MAX, example: 'Jahreswartung Kran 3' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAINTENANCE_WINDOW_REASON_MAX)
  reason!: string;
}

export class UpdateMaintenanceWindowDto implements UpdateMaintenanceWindowRequest {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptionalNotNull()
  @IsIsoInstant()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptionalNotNull()
  @IsIsoInstant()
  endsAt?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: MAINTENANCE_WINDOW_REASON_MAX })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAINTENANCE_WINDOW_REASON_MAX)
  reason?: string;
}

export class MaintenanceWindowListQueryDto implements MaintenanceWindowListQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Windows ending after this instant' })
  @IsOptionalNotNull()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Windows starting before this instant' })
  @IsOptionalNotNull()
  @IsIsoInstant()
  to?: string;
}
