import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
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
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @ApiProperty({ maxLength: 200, example: 'Aufzug 3 steht zwischen EG und 1. OG' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 60, example: 'Störung' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({
    enum: PRIORITIES,
    description:
      "Defaults from the asset's class; required without an asset; a different priority needs priorityReason",
  })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  priorityReason?: string;

  @ApiPropertyOptional({ enum: TICKET_CHANNELS, default: 'phone', description: "Customers always report via 'portal'" })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reporter?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the fault began; defaults to now, never in the future',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  faultBeganAt?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  assetDown?: boolean;
}
