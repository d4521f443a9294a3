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
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS } from './ticket-search';

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
    description:
      `Search, at most ${MAX_SEARCH_WORDS} words, each must match: a word of letters by German full-text ` +
      'prefix in title, description or reporter ("Aufzüge" finds "Aufzug", "hydr" finds "Hydraulik"); any other ' +
      'word (numbers, codes, "50%") as a case-insensitive substring of the ticket number or title (% and _ ' +
      'literal); either as a substring of the asset code or name. Results keep the list order and its cursor.',
    maxLength: MAX_SEARCH_LENGTH,
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  @Matches(new RegExp(`^\\s*(\\S+(\\s+\\S+){0,${MAX_SEARCH_WORDS - 1}})?\\s*$`, 'u'), {
    message: `q must have at most ${MAX_SEARCH_WORDS} words`,
  })
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
