import { Body, Controller, Get, Header, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { BadgeSummary, BadgeVerification, Eligibility, FacilitatorRole, Grant, GrantHistory, GrantRequest, MyCredentials, Page, RoleChangePreview } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { ApiProblem, PageDto, Public, UuidParam } from '@hearth/platform';
import { REQUIREMENT_DTOS } from '@hearth/progress';
import type { JsonObject } from './badge-signing';
import { BadgesService } from './badges.service';
import { CredentialStatus } from './credential-status';
import {
  BadgeSummaryDto,
  BadgeVerificationDto,
  DecisionDto,
  EligibilityDto,
  FacilitatorRoleDto,
  GrantDto,
  GrantHistoryDto,
  GrantRequestDto,
  ManualGrantDto,
  MyCredentialsDto,
  ReasonDto,
  RequestsQueryDto,
  RoleChangePreviewDto,
  RoleDefinitionDto,
  SuspendDto,
  UpdateRoleDefinitionDto,
} from './credentials.dto';
import { GrantsService } from './grants.service';
import { RoleChangePreviewer } from './role-change-preview';
import { RolesService } from './roles.service';

/** An Open Badges document (the issuer, a signed credential, the revocation list): shaped by the standard, not by us. */
const OPEN_BADGES_DOCUMENT = { type: 'object', additionalProperties: true } as const;

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('facilitator-roles')
export class FacilitatorRolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly grants: GrantsService,
    private readonly previewer: RoleChangePreviewer,
  ) {}

  @Get()
  @ApiOkResponse({ type: [FacilitatorRoleDto] })
  list(): Promise<FacilitatorRole[]> {
    return this.roles.list();
  }

  @Post()
  @ApiCreatedResponse({ type: FacilitatorRoleDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: RoleDefinitionDto): Promise<FacilitatorRole> {
    return this.roles.create(caller, dto);
  }

  @Get(':key')
  @ApiOkResponse({ type: FacilitatorRoleDto })
  get(@Param('key') key: string): Promise<FacilitatorRole> {
    return this.roles.get(key);
  }

  /** Writes the role's next version. */
  @Patch(':key')
  @ApiOkResponse({ type: FacilitatorRoleDto })
  update(@CurrentUser() caller: AuthUser, @Param('key') key: string, @Body() dto: UpdateRoleDefinitionDto): Promise<FacilitatorRole> {
    return this.roles.update(caller, key, dto);
  }

  /** Admins: what the same changes as a PATCH would do (who would gain the role, who no longer meets it), saving nothing. */
  @Post(':key/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: RoleChangePreviewDto })
  preview(@CurrentUser() caller: AuthUser, @Param('key') key: string, @Body() dto: UpdateRoleDefinitionDto): Promise<RoleChangePreview> {
    return this.previewer.preview(caller, key, dto);
  }

  /** What I still need for this role, each with where to do it. */
  @Get(':key/eligibility')
  @ApiOkResponse({ type: EligibilityDto })
  eligibility(@CurrentUser() caller: AuthUser, @Param('key') key: string): Promise<Eligibility> {
    return this.grants.eligibility(caller, key);
  }

  /** I meet the role's rule: an admin, please look at my record (after a denial, an expiry, a changed rule). */
  @Post(':key/requests')
  @ApiCreatedResponse({ type: EligibilityDto, description: 'Asked: `pending` until an admin decides.' })
  ask(@CurrentUser() caller: AuthUser, @Param('key') key: string): Promise<Eligibility> {
    return this.grants.ask(caller, key);
  }
}

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('me/credentials')
export class MyCredentialsController {
  constructor(
    private readonly grants: GrantsService,
    private readonly badges: BadgesService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MyCredentialsDto })
  async mine(@CurrentUser() caller: AuthUser): Promise<MyCredentials> {
    const [{ roles, next }, badges] = await Promise.all([this.grants.mine(caller), this.badges.of(caller.id)]);
    return { roles, badges, next };
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiExtraModels(...REQUIREMENT_DTOS)
@Controller('admin')
export class AdminCredentialsController {
  constructor(
    private readonly grants: GrantsService,
    private readonly badges: BadgesService,
  ) {}

  @Get('grant-requests')
  @ApiOkResponse({ type: PageDto(GrantRequestDto) })
  requests(@CurrentUser() caller: AuthUser, @Query() query: RequestsQueryDto): Promise<Page<GrantRequest>> {
    return this.grants.requests(caller, query);
  }

  @Post('grant-requests/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantRequestDto })
  approve(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: DecisionDto): Promise<GrantRequest> {
    return this.grants.approve(caller, id, dto.reason);
  }

  @Post('grant-requests/:id/deny')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantRequestDto })
  deny(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: DecisionDto): Promise<GrantRequest> {
    return this.grants.deny(caller, id, dto.reason);
  }

  /** A person's grants, their whole history, and any request waiting. */
  @Get('users/:id/grants')
  @ApiOkResponse({ type: GrantHistoryDto })
  history(@CurrentUser() caller: AuthUser, @UuidParam('id') userId: string): Promise<GrantHistory> {
    return this.grants.history(caller, userId);
  }

  @Post('users/:id/grants')
  @ApiCreatedResponse({ type: GrantDto })
  grant(@CurrentUser() caller: AuthUser, @UuidParam('id') userId: string, @Body() dto: ManualGrantDto): Promise<Grant> {
    return this.grants.grantByHand(caller, userId, dto.roleKey, dto.reason, dto.expiresAt);
  }

  @Post('grants/:id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantDto })
  revoke(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<Grant> {
    return this.grants.revoke(caller, id, dto.reason);
  }

  /** Holds the grant's powers back (and those of roles built on it), until a time or until reinstated. */
  @Post('grants/:id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantDto })
  suspend(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: SuspendDto): Promise<Grant> {
    return this.grants.suspend(caller, id, dto.reason, dto.until);
  }

  /** A suspended grant's powers back; a revoked or expired grant active again. */
  @Post('grants/:id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantDto })
  reinstate(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<Grant> {
    return this.grants.reinstate(caller, id, dto.reason);
  }

  @Post('badges/:id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: BadgeSummaryDto })
  revokeBadge(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<BadgeSummary> {
    return this.badges.revoke(caller, id, dto.reason);
  }
}

/** Anyone, signed in or not, may check a badge. */
@ApiTags('badges')
@Public()
@Controller('badges')
export class BadgesController {
  constructor(private readonly badges: BadgesService) {}

  /** The issuer's profile and public key (a Multikey), which the credentials' proofs name. */
  @Get('issuer')
  @Header('Content-Type', 'application/ld+json')
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ schema: OPEN_BADGES_DOCUMENT })
  issuer(): Promise<JsonObject> {
    return this.badges.issuer();
  }

  /** The 1EdTech revocation list named by the `credentialStatus` of badges issued before the Bitstring Status Lists. */
  @Get('revocations')
  @ApiOkResponse({ schema: OPEN_BADGES_DOCUMENT })
  revocations(): Promise<JsonObject> {
    return this.badges.revocations();
  }

  @Get('achievements/:courseId/image.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The badge\'s image, as SVG.' })
  image(@UuidParam('courseId') courseId: string): Promise<string> {
    return this.badges.image(courseId);
  }

  /** The badge as an Open Badges 3.0 credential (JSON-LD), signed. */
  @Get(':assertionId')
  @Header('Content-Type', 'application/ld+json')
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ schema: OPEN_BADGES_DOCUMENT })
  credential(@UuidParam('assertionId') id: string): Promise<JsonObject> {
    return this.badges.credential(id);
  }

  /** Checks the proof against the instance's key, and the badge's standing in the status lists. */
  @Get(':assertionId/verification')
  @ApiOkResponse({ type: BadgeVerificationDto })
  verification(@UuidParam('assertionId') id: string): Promise<BadgeVerification> {
    return this.badges.verify(id);
  }
}

/**
 * The W3C Bitstring Status Lists that badges' `credentialStatus` entries name, public like
 * the badges. Built from the database on each request, so a change shows at once: clients
 * may keep a copy but revalidate it every time (`no-cache`), and an unchanged list answers
 * 304 without being signed again.
 */
@ApiTags('badges')
@Public()
@Controller('credentials/status')
export class CredentialStatusController {
  constructor(private readonly status: CredentialStatus) {}

  /** A BitstringStatusListCredential: `purpose` is `revocation` or `suspension`, `list` its number (a badge's entry names both). */
  @Get(':purpose/:list')
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ schema: OPEN_BADGES_DOCUMENT, description: 'A signed BitstringStatusListCredential of 131,072 entries.' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent in If-None-Match.' })
  @ApiProblem(404, 'status-list-not-found: no such purpose or list.')
  async list(@Param('purpose') purpose: string, @Param('list') list: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<JsonObject | undefined> {
    const { credential, etag } = await this.status.list(purpose, list, ifNoneMatch);
    void reply.header('Cache-Control', 'no-cache').header('ETag', etag);
    if (!credential) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('Content-Type', 'application/ld+json');
    return credential;
  }
}
