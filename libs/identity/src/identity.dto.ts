import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AdminUser,
  type AuthResponse,
  type ChangePasswordRequest,
  type BadgeHeld,
  type FacilitatorRoleHeld,
  type LoginRequest,
  type Me,
  type Notice,
  PASSWORD_MAX_LENGTH,
  PLATFORM_ROLES,
  type PasswordReset,
  type PasswordResetRequest,
  type PlatformRole,
  type Profile,
  type RefreshResponse,
  type RegisterRequest,
  type SetPlatformRolesRequest,
  type SignInSession,
  type SingleSignOnInfo,
  USERNAME_PATTERN,
  type UpdateProfileRequest,
  type ChangeEmailRequest,
  type DeleteAccountRequest,
  type AdminDeleteAccountRequest,
  type UserSummary,
} from '@hearth/contracts';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@hearth/platform';
import type { PersonalDataArchive } from './my-data';
import type { UserEntity } from './user.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'ada@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'The e-mail address is not valid.' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'ada_l', description: 'The @mention handle: 3–30 of a-z, 0-9, _ and -; unique ignoring case.' })
  @Transform(trim)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'The username must be 3 to 30 letters, digits, _ or -.' })
  username!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @Length(1, 80, { message: 'The display name must be 1 to 80 characters.' })
  displayName!: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters, not the username or e-mail.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class LoginDto implements LoginRequest {
  @ApiProperty({ description: 'E-mail address or username', example: 'ada_l' })
  @Transform(trim)
  @IsString()
  @Length(1, 254, { message: 'Enter your e-mail address or username.' })
  login!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class PasswordResetRequestDto implements PasswordResetRequest {
  @ApiProperty({ example: 'ada@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'The e-mail address is not valid.' })
  @MaxLength(254)
  email!: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token from the e-mailed link' })
  @IsString()
  @Length(1, 128, { message: 'The link is incomplete; open it from the e-mail again.' })
  token!: string;
}

export class PasswordResetDto implements PasswordReset {
  @ApiProperty({ description: 'The token from the e-mailed link' })
  @IsString()
  @Length(1, 128, { message: 'The link is incomplete; open it from the e-mail again.' })
  token!: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters, not the username or e-mail.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH, { message: 'Enter your current password.' })
  currentPassword!: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters, not the username or e-mail.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiProperty({ example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @Length(1, 80, { message: 'The display name must be 1 to 80 characters.' })
  displayName!: string;
}

export class ChangeEmailDto implements ChangeEmailRequest {
  @ApiProperty({ example: 'ada@example.net' })
  @Transform(trim)
  @IsEmail({}, { message: 'The e-mail address is not valid.' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH, { message: 'Enter your current password.' })
  currentPassword!: string;
}

export class DeleteAccountDto implements DeleteAccountRequest {
  @ApiProperty({ description: 'The current password: a deletion cannot be undone.' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH, { message: 'Enter your current password.' })
  currentPassword!: string;
}

export class AdminDeleteAccountDto implements AdminDeleteAccountRequest {
  @ApiProperty({ description: 'Why, for the audit log.', example: 'Asked us by e-mail to delete their account.' })
  @Transform(trim)
  @IsString()
  @Length(1, 500, { message: 'Say why, in 1 to 500 characters: it goes in the audit log.' })
  reason!: string;
}

export class SetPlatformRolesDto implements SetPlatformRolesRequest {
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(PLATFORM_ROLES, { each: true, message: `each role must be one of ${PLATFORM_ROLES.join(', ')}` })
  roles!: PlatformRole[];
}

export class FacilitatorRoleHeldDto implements FacilitatorRoleHeld {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() grantedAt!: string;
  @ApiProperty({ type: String, nullable: true }) expiresAt!: string | null;
}

export class BadgeHeldDto implements BadgeHeld {
  @ApiProperty() assertionId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() awardedAt!: string;
}

/** Who wrote, did or holds something, wherever a person is named. */
export class UserSummaryDto implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}

export class MeDto extends UserSummaryDto implements Me {
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'The address is verified: badges are issued and e-mail is sent only then' }) emailVerified!: boolean;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) platformRoles!: PlatformRole[];
  @ApiProperty({ type: [FacilitatorRoleHeldDto] }) facilitatorRoles!: FacilitatorRoleHeld[];
  @ApiProperty({ type: [BadgeHeldDto] }) badges!: BadgeHeld[];
  @ApiProperty() createdAt!: string;
}

export class AdminUserDto extends UserSummaryDto implements AdminUser {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) platformRoles!: PlatformRole[];
  @ApiProperty() createdAt!: string;
}

export class ProfileDto extends UserSummaryDto implements Profile {
  @ApiProperty({ type: [FacilitatorRoleHeldDto] }) facilitatorRoles!: FacilitatorRoleHeld[];
  @ApiProperty({ type: [BadgeHeldDto] }) badges!: BadgeHeld[];
  @ApiProperty() memberSince!: string;
}

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({ type: MeDto }) user!: Me;
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
}

export class RefreshResponseDto implements RefreshResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty() expiresIn!: number;
}

export class SignInSessionDto implements SignInSession {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Firefox on Linux' }) device!: string;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() lastUsedAt!: string;
  @ApiProperty({ description: 'The session this request came from' }) current!: boolean;
}

export class NoticeDto implements Notice {
  @ApiProperty() message!: string;
}

export class SingleSignOnInfoDto implements SingleSignOnInfo {
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The provider, as the sign-in button names it' }) name!: string | null;
}

class PersonalDataAccountDto {
  @ApiProperty() username!: string;
}

/** The sections beside `account` are each context's (discussions, chat, credentials…), as they hold them. */
export class PersonalDataArchiveDto implements PersonalDataArchive {
  [section: string]: unknown;
  @ApiProperty({ enum: ['hearth-personal-data/1'] }) format!: 'hearth-personal-data/1';
  @ApiProperty({ description: 'The instance it came from' }) instance!: string;
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ type: PersonalDataAccountDto, description: 'The account, among what identity holds' }) account!: { username: string } & Record<string, unknown>;
}

export function toMe(user: UserEntity): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    platformRoles: [...user.platformRoles].sort(),
    // Held credentials are added by UsersService.describe.
    facilitatorRoles: [],
    badges: [],
    createdAt: user.createdAt.toISOString(),
  };
}

export function toAdminUser(user: UserEntity): AdminUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    platformRoles: [...user.platformRoles].sort(),
    createdAt: user.createdAt.toISOString(),
  };
}

export class UserSearchDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'The start of a username, display name or e-mail address' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
