import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull } from '@leitstand/backend/core';
import {
  PRIORITIES,
  TICKET_LIST_SORTS,
  TICKET_STATUSES,
  type Priority,
  type TicketListQuery,
  type TicketListSort,
} from '@leitstand/api-contracts';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export class TicketListQueryDto implements TicketListQuery {
  @ApiPropertyOptional({ description: `Comma list of statuses (${TICKET_STATUSES.join(', ')})` })
  @IsOptionalNotNull()
  @IsString()
  @Matches(new RegExp(`^(${TICKET_STATUSES.join('|')})(,(${TICKET_STATUSES.join('|')}))*$`), {
    message: `status must be a comma list of ${TICKET_STATUSES.join(', ')}`,
  })
  status?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptionalNotNull()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  assetId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean()
  atRisk?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Only open tickets (not closed)' })
  @IsOptionalNotNull()
  @Transform(toBoolean)
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({
    description: 'Search: every word must occur in the ticket number, title, asset code or asset name',
    maxLength: 100,
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: TICKET_LIST_SORTS, default: 'deadline' })
  @IsOptionalNotNull()
  @IsIn(TICKET_LIST_SORTS)
  sort?: TicketListSort;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptionalNotNull()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
