import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIsoInstant, IsOptionalNotNull } from '@leitstand/backend/core';
import {
  PRIORITIES,
  TICKET_CHANNELS,
  type CreateTicketRequest,
  type Priority,
  type TicketChannel,
} from '@leitstand/api-contracts';

export class CreateTicketDto implements CreateTicketRequest {
  @ApiProperty({ format: 'uuid', description: 'The site of the fault; its tenant owns the ticket' })
  @IsUUID()
  siteId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The faulty asset (must belong to the site)' })
  @IsOptionalNotNull()
  @IsUUID()
  assetId?: string;

  @ApiProperty({ maxLength: 200, example: 'Aufzug 3 steht zwischen EG und 1. OG' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 60, example: 'Störung' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({
    enum: PRIORITIES,
    description:
      "Defaults from the asset's class; required without an asset; a different priority needs priorityReason",
  })
  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  priorityReason?: string;

  @ApiPropertyOptional({ enum: TICKET_CHANNELS, default: 'phone', description: "Customers always report via 'portal'" })
  @IsOptionalNotNull()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  reporter?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-22T08:00:00+01:00',
    description: 'When the fault began, with offset; defaults to now, never in the future',
  })
  @IsOptionalNotNull()
  @IsIsoInstant()
  faultBeganAt?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  assetDown?: boolean;
}
