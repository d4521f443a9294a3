import { Module } from '@nestjs/common';
import { AuthModule } from '@leitstand/backend/auth';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';
import { AccountController } from './account.controller';
import { UserAdminController } from './user-admin.controller';

/**
 * HTTP surface of sign-in, sessions, the user list (dispatch pickers), user administration and the own
 * account; AuthModule also installs the global auth guard.
 */
@Module({
  imports: [AuthModule],
  controllers: [AuthController, UsersController, UserAdminController, AccountController],
})
export class AuthHttpModule {}
