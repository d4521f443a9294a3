import { Module } from '@nestjs/common';
import { AuthModule } from '@leitstand/backend/auth';
import { AuthController } from './auth.controller';

/** HTTP surface of sign-in and sessions; AuthModule also installs the global auth guard. */
@Module({ imports: [AuthModule], controllers: [AuthController] })
export class AuthHttpModule {}
