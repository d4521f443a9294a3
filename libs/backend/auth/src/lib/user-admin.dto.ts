import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsOptionalNotNull, NullableField } from '@leitstand/backend/core';
import {
  ROLE_NAMES,
  USER_LANGUAGES,
  type CreateUserRequest,
  type Role,
  type SetPasswordRequest,
  type UpdateUserRequest,
  type UserAdminListQuery,
  type UserLanguage,
  type ChangePasswordRequest,
  type UpdateAccountRequest,
} from '@leitstand/api-contracts';

/** A price list's role id (kebab-case, as the price-list parser demands), e.g. `service-technician`. */
export const PRICE_LIST_ROLE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ROLE_MESSAGE = `role must be one of ${ROLE_NAMES.join(', ')}`;
const LANGUAGE_MESSAGE = `language must be one of ${USER_LANGUAGES.join(', ')}`;
const PRICE_LIST_ROLE_MESSAGE = 'priceListRole must be a price-list role id in kebab-case (e.g. service-technician)';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ maxLength: 254, example: 'paula.pumpe@example.test' })
  @IsString()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 200, example: 'Paula Pumpe' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;

  @ApiProperty({ enum: ROLE_NAMES })
  @IsIn(ROLE_NAMES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiPropertyOptional({ enum: USER_LANGUAGES, default: 'de' })
  @IsOptionalNotNull()
  @IsIn(USER_LANGUAGES, { message: LANGUAGE_MESSAGE })
  language?: UserLanguage;

  @ApiPropertyOptional({ format: 'uuid', description: 'Customers: their own tenant (required)' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'tenantId must be a UUID' })
  tenantId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description: 'Managers and technicians: the tenants they serve',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'tenantIds must be UUIDs' })
  tenantIds?: string[];

  @NullableField({ type: String, maxLength: 60, example: 'service-technician', description: 'Technicians only' })
  @IsString()
  @MaxLength(60)
  @Matches(PRICE_LIST_ROLE_PATTERN, { message: PRICE_LIST_ROLE_MESSAGE })
  priceListRole?: string | null;

  @NullableField({ type: String, format: 'uuid', description: 'Technicians only: a site of one of their tenants' })
  @IsUUID('all', { message: 'homeSiteId must be a UUID' })
  homeSiteId?: string | null;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ maxLength: 254 })
  @IsOptionalNotNull()
  @IsString()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLE_NAMES })
  @IsOptionalNotNull()
  @IsIn(ROLE_NAMES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional({ enum: USER_LANGUAGES })
  @IsOptionalNotNull()
  @IsIn(USER_LANGUAGES, { message: LANGUAGE_MESSAGE })
  language?: UserLanguage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'tenantId must be a UUID' })
  tenantId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 200 })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'tenantIds must be UUIDs' })
  tenantIds?: string[];

  @NullableField({ type: String, maxLength: 60 })
  @IsString()
  @MaxLength(60)
  @Matches(PRICE_LIST_ROLE_PATTERN, { message: PRICE_LIST_ROLE_MESSAGE })
  priceListRole?: string | null;

  @NullableField({ type: String, format: 'uuid' })
  @IsUUID('all', { message: 'homeSiteId must be a UUID' })
  homeSiteId?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates: every session of the user ends at once' })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class UserAdminListQueryDto implements UserAdminListQuery {
  @ApiPropertyOptional({ enum: ROLE_NAMES })
  @IsOptionalNotNull()
  @IsIn(ROLE_NAMES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Users of this tenant (customers) or serving it' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'tenantId must be a UUID' })
  tenantId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptionalNotNull()
  @IsIn(['true', 'false'], { message: 'active must be true or false' })
  active?: 'true' | 'false';
}

export class SetPasswordDto implements SetPasswordRequest {
  @ApiProperty({ maxLength: 200, description: 'The token from the set-password link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ maxLength: 1024, format: 'password', description: 'At least 12 characters, not a common password' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ maxLength: 1024, format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ maxLength: 1024, format: 'password' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class UpdateAccountDto implements UpdateAccountRequest {
  @ApiProperty({ enum: USER_LANGUAGES })
  @IsIn(USER_LANGUAGES, { message: LANGUAGE_MESSAGE })
  language!: UserLanguage;
}
