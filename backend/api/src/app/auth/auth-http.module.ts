import { Module } from '@nestjs/common';
import { AuthModule } from '@leitstand/backend/auth';

/** HTTP surface of sign-in and sessions. */
@Module({ imports: [AuthModule], controllers: [] })
export class AuthHttpModule {}
