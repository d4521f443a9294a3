import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '@leitstand/backend/core';
import type { RefreshRequest } from '@leitstand/api-contracts';

/** For clients without cookies; browsers send the `ls_refresh` cookie and no body. */
export class RefreshTokenDto implements RefreshRequest {
  @ApiPropertyOptional({ description: 'The refresh token from the login or last refresh answer' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken?: string;
}
