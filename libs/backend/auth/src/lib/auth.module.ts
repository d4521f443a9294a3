import { Module } from '@nestjs/common';

/** Sign-in, sessions and the global auth guard (issue 5). */
@Module({})
export class AuthModule {}
