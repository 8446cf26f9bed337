import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminUser, Me, Page, Profile } from '@hearth/contracts';
import { UuidParam } from '@hearth/platform';
import { type AuthUser, CurrentUser } from './auth-user';
import { AdminUserDto, ChangeEmailDto, ChangePasswordDto, MeDto, SetPlatformRolesDto, UpdateProfileDto, UserSearchDto } from './identity.dto';
import { EmailVerification } from './email-verification';
import { PasswordsService } from './passwords.service';
import { UsersService } from './users.service';

@ApiTags('account')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordsService,
    private readonly verification: EmailVerification,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() caller: AuthUser): Promise<Me> {
    return this.users.me(caller);
  }

  @Patch()
  @ApiOkResponse({ type: MeDto, description: 'The display name is changed everywhere it shows, the chat included.' })
  @ApiBadRequestResponse({ description: 'validation' })
  rename(@CurrentUser() caller: AuthUser, @Body() dto: UpdateProfileDto): Promise<Me> {
    return this.users.rename(caller, dto.displayName);
  }

  @Put('email')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A link is on its way to the new address; the account moves there when it is opened (48 hours).' })
  @ApiBadRequestResponse({ description: 'wrong-password, email-unchanged, or validation.' })
  async changeEmail(@CurrentUser() caller: AuthUser, @Body() dto: ChangeEmailDto): Promise<{ message: string }> {
    await this.verification.requestChange(caller, dto.email, dto.currentPassword);
    return { message: `We have e-mailed a link to ${dto.email.trim().toLowerCase()}. Your account moves to that address when you open it, within 48 hours; until then it keeps this one.` };
  }

  @Post('email-verification')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A new link is on its way to the account\'s address.' })
  @ApiConflictResponse({ description: 'already-verified' })
  async resendVerification(@CurrentUser() caller: AuthUser): Promise<void> {
    await this.verification.resend(caller);
  }

  @Put('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; every other session of the account has ended (this one goes on).' })
  @ApiBadRequestResponse({ description: 'wrong-password (the current one), weak-password, or validation.' })
  async changePassword(@CurrentUser() caller: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.passwords.change(caller, dto.currentPassword, dto.newPassword);
  }
}

@ApiTags('account')
@ApiBearerAuth()
@Controller('users')
export class ProfilesController {
  constructor(private readonly users: UsersService) {}

  /** A member's public profile, where @mentions link to. */
  @Get(':username')
  profile(@Param('username') username: string): Promise<Profile> {
    return this.users.profile(username);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  /** Admin: people by the start of their username, name or e-mail. */
  @Get()
  search(@CurrentUser() caller: AuthUser, @Query() query: UserSearchDto): Promise<Page<AdminUser>> {
    return this.users.search(caller, query);
  }

  @Put(':id/platform-roles')
  @ApiOkResponse({ type: AdminUserDto })
  setPlatformRoles(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: SetPlatformRolesDto): Promise<AdminUser> {
    return this.users.setPlatformRoles(caller, id, dto.roles);
  }
}
