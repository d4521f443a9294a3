import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '@leitstand/backend/core';

const DECIMAL = /^(?=.*[1-9])\d{1,10}(\.\d{1,6})?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class IndexPointDto {
  @ApiProperty({ example: '2026', description: "The period of the value: 'YYYY' or 'YYYY-MM'" })
  @IsString()
  @Matches(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { message: "period must be 'YYYY' or 'YYYY-MM'" })
  period!: string;

  @ApiProperty({ example: '104.2', description: 'The published value, a decimal string > 0' })
  @IsString()
  @Matches(DECIMAL, { message: 'value must be a decimal string > 0 with at most 6 decimals' })
  value!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Publication date: the value counts from this day' })
  @IsString()
  @Matches(DATE, { message: "publishedOn must be a date 'YYYY-MM-DD'" })
  publishedOn!: string;

  @ApiPropertyOptional({ example: '1', description: 'value × factor = the value on the series’ base year (default 1)' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(DECIMAL, { message: 'rebasingFactor must be a decimal string > 0' })
  rebasingFactor?: string;
}

/** An index series with all its values (the values replace the stored ones). */
export class PutIndexSeriesDto {
  @ApiProperty({ maxLength: 200, example: 'Index der Arbeitskosten, Produzierendes Gewerbe' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 200, example: 'Destatis 62421-0001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source!: string;

  @ApiProperty({ example: 2021 })
  @IsInt()
  @Min(1900)
  @Max(2999)
  baseYear!: number;

  @ApiProperty({ type: [IndexPointDto], maxItems: 1200 })
  @IsArray()
  @ArrayMaxSize(1200)
  @ValidateNested({ each: true })
  @Type(() => IndexPointDto)
  points!: IndexPointDto[];
}

export class ApproveIndexationDto {
  @ApiProperty({ example: '2027-01-01', description: 'The reference date: the new price is valid from it' })
  @IsString()
  @Matches(DATE, { message: "on must be a date 'YYYY-MM-DD'" })
  on!: string;
}
