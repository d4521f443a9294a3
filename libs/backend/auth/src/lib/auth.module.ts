import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { CLOCK, SYSTEM_CLOCK } from '@leitstand/backend/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher.service';
import { SignInThrottle } from './sign-in-throttle';
import { UsersService } from './users.service';
import { AccountService } from './account.service';
import { PASSWORD_LINK_CHANNEL, PasswordLinks, ReturnToCallerChannel } from './password-links';
import { SessionLiveness } from './session-liveness';
import { UserAdminService } from './user-admin.service';

/**
 * Sign-in, sessions and the global auth guard (issue 5). Importing this module anywhere in the API
 * protects every route of the application (APP_GUARD).
 */
@Module({
  providers: [
    AccessTokenService,
    PasswordHasher,
    SignInThrottle,
    AuthService,
    UsersService,
    SessionLiveness,
    PasswordLinks,
    { provide: PASSWORD_LINK_CHANNEL, useClass: ReturnToCallerChannel },
    UserAdminService,
    AccountService,
    { provide: CLOCK, useValue: SYSTEM_CLOCK },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokenService, PasswordHasher, AuthService, UsersService, UserAdminService, AccountService, CLOCK],
})
export class AuthModule {}
