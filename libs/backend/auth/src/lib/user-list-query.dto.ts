import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsOptionalNotNull } from '@leitstand/backend/core';
import { ROLE_NAMES, type Role, type UserListQuery } from '@leitstand/api-contracts';

/** `GET /api/users` query. */
export class UserListQueryDto implements UserListQuery {
  @ApiPropertyOptional({ enum: ROLE_NAMES, description: 'Only users of this role (e.g. technician for dispatch)' })
  @IsOptionalNotNull()
  @IsIn(ROLE_NAMES, { message: `role must be one of ${ROLE_NAMES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only users who serve this tenant (user_tenants) or all tenants (admins, agents)',
  })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'tenantId must be a UUID' })
  tenantId?: string;
}
