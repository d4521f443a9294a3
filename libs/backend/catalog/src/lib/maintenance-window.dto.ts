import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { DateTime } from 'luxon';
import {
  MAINTENANCE_WINDOW_MAX_DAYS,
  MAINTENANCE_WINDOW_REASON_MAX,
  type CreateMaintenanceWindowRequest,
  type MaintenanceWindowListQuery,
  type UpdateMaintenanceWindowRequest,
} from '@leitstand/api-contracts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 instant with date, time and offset ("2026-10-12T06:00:00Z", "…+02:00"); a real date. */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => isIsoInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 instant with offset, e.g. '2026-10-12T06:00:00Z'`,
      },
    },
    options,
  );
}

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
  @ValidateIf((_o, v) => v !== undefined)
  @IsIsoInstant()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsIsoInstant()
  endsAt?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: MAINTENANCE_WINDOW_REASON_MAX })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAINTENANCE_WINDOW_REASON_MAX)
  reason?: string;
}

export class MaintenanceWindowListQueryDto implements MaintenanceWindowListQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Windows ending after this instant' })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Windows starting before this instant' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}
