import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketListQuery } from '@leitstand/api-contracts';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export class TicketListQueryDto implements TicketListQuery {
  @ApiPropertyOptional({ description: `Comma list of statuses (${TICKET_STATUSES.join(', ')})` })
  @IsOptional()
  @IsString()
  @Matches(new RegExp(`^(${TICKET_STATUSES.join('|')})(,(${TICKET_STATUSES.join('|')}))*$`), {
    message: `status must be a comma list of ${TICKET_STATUSES.join(', ')}`,
  })
  status?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  atRisk?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Only open tickets (not closed)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
