import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HEARTH_CONFIG, type HearthConfig, PgThrottlerStorage } from '@hearth/platform';
import { AccessTokens } from './access-tokens';
import { AccountTokenEntity, AccountTokens } from './account-tokens';
import { AuthThrottlerGuard, authThrottlers } from './auth-throttler.guard';
import { HeldCredentialsSource } from './held-credentials';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './auth.guard';
import { EmailVerification } from './email-verification';
import { IdentityRetention } from './identity-retention';
import { IdentityPersonalData } from './identity.personal-data';
import { MyData } from './my-data';
import { OidcController } from './oidc.controller';
import { OidcIdentityEntity, SingleSignOn } from './single-sign-on';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { PasswordsService } from './passwords.service';
import { RefreshCookie } from './refresh-cookie';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionGate } from './session-gate';
import { SessionEntity } from './session.entity';
import { SessionRepository } from './session.repository';
import { Sessions } from './sessions';
import { SessionsController } from './sessions.controller';
import { SignInFailureEntity, SignInFailures } from './sign-in-failures';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { AdminUsersController, MeController, ProfilesController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity, RefreshTokenEntity, SignInFailureEntity, AccountTokenEntity, OidcIdentityEntity]),
    PassportModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [HEARTH_CONFIG, PgThrottlerStorage],
      useFactory: (config: HearthConfig, storage: PgThrottlerStorage) => ({
        throttlers: authThrottlers(config),
        storage,
        setHeaders: false,
      }),
    }),
  ],
  controllers: [AuthController, OidcController, MeController, SessionsController, ProfilesController, AdminUsersController],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    AccessTokens,
    AccountTokens,
    AuthService,
    AuthThrottlerGuard,
    EmailVerification,
    HeldCredentialsSource,
    IdentityPersonalData,
    IdentityRetention,
    JwtStrategy,
    MyData,
    PasswordsService,
    RefreshCookie,
    SessionGate,
    SessionRepository,
    Sessions,
    SignInFailures,
    SingleSignOn,
    UserRepository,
    UsersService,
  ],
  exports: [AccessTokens, HeldCredentialsSource, UsersService],
})
export class IdentityModule {}
