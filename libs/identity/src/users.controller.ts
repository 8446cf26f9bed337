import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminUser, Me, Notice, Page, Profile } from '@hearth/contracts';
import { ApiProblem, PageDto, UuidParam } from '@hearth/platform';
import { type AuthUser, CurrentUser } from './auth-user';
import { AdminDeleteAccountDto, AdminUserDto, ChangeEmailDto, ChangePasswordDto, DeleteAccountDto, MeDto, NoticeDto, PersonalDataArchiveDto, ProfileDto, SetPlatformRolesDto, UpdateProfileDto, UserSearchDto } from './identity.dto';
import { MyData, type PersonalDataArchive } from './my-data';
import { RefreshCookie } from './refresh-cookie';
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
    private readonly data: MyData,
    private readonly cookie: RefreshCookie,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() caller: AuthUser): Promise<Me> {
    return this.users.me(caller);
  }

  @Patch()
  @ApiOkResponse({ type: MeDto, description: 'The display name is changed everywhere it shows, the chat included.' })
  @ApiProblem(400)
  rename(@CurrentUser() caller: AuthUser, @Body() dto: UpdateProfileDto): Promise<Me> {
    return this.users.rename(caller, dto.displayName);
  }

  @Put('email')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: NoticeDto, description: 'A link is on its way to the new address; the account moves there when it is opened (48 hours).' })
  @ApiProblem(400, 'wrong-password, email-unchanged, or validation.')
  async changeEmail(@CurrentUser() caller: AuthUser, @Body() dto: ChangeEmailDto): Promise<Notice> {
    await this.verification.requestChange(caller, dto.email, dto.currentPassword);
    return { message: `We have e-mailed a link to ${dto.email.trim().toLowerCase()}. Your account moves to that address when you open it, within 48 hours; until then it keeps this one.` };
  }

  @Get('export')
  @ApiOkResponse({ type: PersonalDataArchiveDto, description: 'Everything Hearth holds about me, as one JSON archive (a download).' })
  async export(@CurrentUser() caller: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonalDataArchive> {
    const archive = await this.data.exportMine(caller);
    reply.header('content-disposition', attachment(archive));
    return archive;
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted: what I wrote and did is erased or shows as “Former member”, my roles and badges are revoked, every session has ended.' })
  @ApiProblem(400, 'wrong-password, or validation.')
  async deleteMine(@CurrentUser() caller: AuthUser, @Body() dto: DeleteAccountDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.data.deleteMine(caller, dto.currentPassword);
    this.cookie.clear(reply);
  }

  @Post('email-verification')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A new link is on its way to the account\'s address.' })
  @ApiProblem(409, 'already-verified')
  async resendVerification(@CurrentUser() caller: AuthUser): Promise<void> {
    await this.verification.resend(caller);
  }

  @Put('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; every other session of the account has ended (this one goes on).' })
  @ApiProblem(400, 'wrong-password (the current one), weak-password, or validation.')
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
  @ApiOkResponse({ type: ProfileDto })
  profile(@Param('username') username: string): Promise<Profile> {
    return this.users.profile(username);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly data: MyData,
  ) {}

  /** Admin: people by the start of their username, name or e-mail. */
  @Get()
  @ApiOkResponse({ type: PageDto(AdminUserDto) })
  search(@CurrentUser() caller: AuthUser, @Query() query: UserSearchDto): Promise<Page<AdminUser>> {
    return this.users.search(caller, query);
  }

  @Get(':id/export')
  @ApiOkResponse({ type: PersonalDataArchiveDto, description: 'Admin: everything Hearth holds about the person, as their own export has it; the audit log records who asked.' })
  async export(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonalDataArchive> {
    const archive = await this.data.exportFor(caller, id);
    reply.header('content-disposition', attachment(archive));
    return archive;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Admin: the account is deleted as its owner would delete it; the reason goes in the audit log.' })
  async delete(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: AdminDeleteAccountDto): Promise<void> {
    await this.data.deleteFor(caller, id, dto.reason);
  }

  @Put(':id/platform-roles')
  @ApiOkResponse({ type: AdminUserDto })
  setPlatformRoles(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: SetPlatformRolesDto): Promise<AdminUser> {
    return this.users.setPlatformRoles(caller, id, dto.roles);
  }
}

/** The archive as a download: `hearth-data-<username>-<date>.json`. */
function attachment(archive: PersonalDataArchive): string {
  return `attachment; filename="hearth-data-${archive.account.username.replace(/[^A-Za-z0-9_-]/g, '')}-${archive.exportedAt.slice(0, 10)}.json"`;
}
