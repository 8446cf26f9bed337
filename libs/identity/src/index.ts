export { AccessTokens } from './access-tokens';
export { AccountTokens } from './account-tokens';
export { type AuthUser, CurrentUser, OptionalUser } from './auth-user';
export { type HeldCredentials, HeldCredentialsSource } from './held-credentials';
export { UserSummaryDto } from './identity.dto';
export { IdentityError, IdentityErrorCode } from './identity.errors';
export { IdentityModule } from './identity.module';
export { UsersService, type NewAccount } from './users.service';
