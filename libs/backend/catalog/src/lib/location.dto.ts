import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  LOCATION_KINDS,
  type CreateLocationRequest,
  type LocationKind,
  type UpdateLocationRequest,
} from '@leitstand/api-contracts';

/** A name is one segment of a location path, so it carries no '/' and is not blank. */
const NAME = /^[^/]*[^/\s][^/]*$/;
const NAME_MESSAGE = "name must not be blank nor contain '/' (it is one segment of a location path)";

export class CreateLocationDto implements CreateLocationRequest {
  @ApiProperty({ enum: LOCATION_KINDS, description: 'building → floor → room' })
  @IsIn(LOCATION_KINDS)
  kind!: LocationKind;

  @NullableField({
    type: String,
    format: 'uuid',
    description: "A floor's parent is a building, a room's parent a floor (same site); buildings have none",
  })
  @IsUUID('all')
  parentId?: string | null;

  @NullableField({ type: String, maxLength: 40, example: 'EG' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code?: string | null;

  @ApiProperty({ maxLength: 200, example: 'Gebäude A', description: 'Unique among siblings; no "/"' })
  @IsString()
  @MaxLength(200)
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;
}

export class UpdateLocationDto implements UpdateLocationRequest {
  @NullableField({ type: String, format: 'uuid', description: 'Move: only while the location is empty' })
  @IsUUID('all')
  parentId?: string | null;

  @NullableField({ type: String, maxLength: 40 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code?: string | null;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string;
}
