import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  PRIORITIES,
  TICKET_CHANNELS,
  type CreateTicketRequest,
  type Priority,
  type TicketChannel,
} from '@leitstand/api-contracts';

export class CreateTicketDto implements CreateTicketRequest {
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

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority!: Priority;

  @ApiPropertyOptional({ enum: TICKET_CHANNELS, default: 'phone' })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reporter?: string;
}
