import { Module } from '@nestjs/common';
import { AuthModule } from '@leitstand/backend/auth';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';

/** HTTP surface of sign-in, sessions and the user list (dispatch pickers); AuthModule also installs the global auth guard. */
@Module({ imports: [AuthModule], controllers: [AuthController, UsersController] })
export class AuthHttpModule {}
