import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  SERVICE_REPORT_MAX_CATALOG_ITEMS,
  SERVICE_REPORT_MAX_DISCOUNTS,
  SERVICE_REPORT_WORK_TYPE_VALUES,
  TRAVEL_METHOD_VALUES,
  type CatalogItemChoice,
  type ServiceReportWorkTypeValue,
  type TravelMethodValue,
  type UpdateServiceReportRequest,
} from '@leitstand/api-contracts';

export class CatalogItemChoiceDto implements CatalogItemChoice {
  @ApiProperty({ maxLength: 40, example: '2 01 11', description: "A code of the price list's catalogue" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code!: string;

  @ApiProperty({ example: '1', description: 'Decimal string > 0 with at most 3 decimals' })
  @IsString()
  @Matches(/^(?=.*[1-9])\d{1,6}(\.\d{1,3})?$/, {
    message: 'quantity must be a decimal string > 0 with at most 3 decimals',
  })
  quantity!: string;
}

/** A change of a report's choices; fields left out stay. Codes and ids are checked against the price list. */
export class UpdateServiceReportDto implements UpdateServiceReportRequest {
  @ApiPropertyOptional({ description: "Charge the price list's small-material flat" })
  @IsOptionalNotNull()
  @IsBoolean()
  smallMaterial?: boolean;

  @ApiPropertyOptional({ description: "Emergency call-out: the price list's emergency surcharge applies" })
  @IsOptionalNotNull()
  @IsBoolean()
  emergency?: boolean;

  @ApiPropertyOptional({
    enum: SERVICE_REPORT_WORK_TYPE_VALUES,
    description: "'maintenance' may waive the order fee under a contract (seed 003); a repair never does",
  })
  @IsOptionalNotNull()
  @IsIn(SERVICE_REPORT_WORK_TYPE_VALUES)
  workType?: ServiceReportWorkTypeValue;

  @NullableField({
    type: 'string',
    enum: TRAVEL_METHOD_VALUES,
    description: 'How travel is billed; null = from the site and the price list',
  })
  @IsIn(TRAVEL_METHOD_VALUES)
  travelMethod?: TravelMethodValue | null;

  @ApiPropertyOptional({ type: [CatalogItemChoiceDto], maxItems: SERVICE_REPORT_MAX_CATALOG_ITEMS })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(SERVICE_REPORT_MAX_CATALOG_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CatalogItemChoiceDto)
  catalogItems?: CatalogItemChoiceDto[];

  @ApiPropertyOptional({ type: [String], maxItems: SERVICE_REPORT_MAX_DISCOUNTS, example: ['cash'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(SERVICE_REPORT_MAX_DISCOUNTS)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  discounts?: string[];
}
