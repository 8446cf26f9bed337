import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@hearth/courses';
import { HeldCredentialsSource, IdentityModule } from '@hearth/identity';
import { Jobs } from '@hearth/platform';
import { ProgressModule } from '@hearth/progress';
import { ActivitySweep } from './activity-sweep';
import { BadgeIssuer } from './badge-issuer';
import { BadgesRepository } from './badges.repository';
import { BadgesService } from './badges.service';
import { CompletionsRepository } from './completions.repository';
import { CredentialStatus } from './credential-status';
import { AdminCredentialsController, BadgesController, CredentialStatusController, FacilitatorRolesController, MyCredentialsController } from './credentials.controller';
import { BadgeAssertionEntity, CompletionRecordEntity, FacilitatorRoleEntity, FacilitatorRoleVersionEntity, GrantEventEntity, GrantRequestEntity, HostedSessionEntity, RefresherEntity, RoleBadgeEntity, RoleGrantEntity, ShadowedSessionEntity } from './credentials.entity';
import { CredentialsEvents } from './credentials.events';
import { CredentialsPersonalData } from './credentials.personal-data';
import { ExpirySweep } from './expiry-sweep';
import { GrantDeadlines } from './grant-deadlines';
import { GrantEvidence } from './grant-evidence';
import { GrantLifecycle } from './grant-lifecycle';
import { GrantViews } from './grant-views';
import { GrantsRepository } from './grants.repository';
import { GrantsService } from './grants.service';
import { HeldCredentialsReader } from './held-credentials.reader';
import { HostingRepository } from './hosting.repository';
import { RefreshersRepository } from './refreshers.repository';
import { RefreshersService } from './refreshers.service';
import { RequestEscalation } from './request-escalation';
import { RoleChangePreviewer } from './role-change-preview';
import { RoleEligibility } from './role-eligibility';
import { RolesRepository } from './roles.repository';
import { RolesService } from './roles.service';
import { ShadowingRepository } from './shadowing.repository';

/** Every few minutes besides the deadline clock (GrantDeadlines): grants past their end expire, suspensions run out, holders of grants ending soon are told. */
const EXPIRY_SWEEP = { name: 'credentials-expiry-sweep', cron: '*/5 * * * *' };

@Module({
  imports: [
    TypeOrmModule.forFeature([FacilitatorRoleEntity, FacilitatorRoleVersionEntity, RoleGrantEntity, GrantEventEntity, GrantRequestEntity, BadgeAssertionEntity, RoleBadgeEntity, CompletionRecordEntity, ShadowedSessionEntity, RefresherEntity, HostedSessionEntity]),
    IdentityModule,
    CoursesModule,
    ProgressModule,
  ],
  controllers: [FacilitatorRolesController, MyCredentialsController, AdminCredentialsController, BadgesController, CredentialStatusController],
  providers: [
    RolesRepository,
    GrantsRepository,
    BadgesRepository,
    CompletionsRepository,
    ShadowingRepository,
    RefreshersRepository,
    HostingRepository,
    RolesService,
    RoleChangePreviewer,
    GrantLifecycle,
    RoleEligibility,
    GrantEvidence,
    GrantViews,
    GrantsService,
    RefreshersService,
    ActivitySweep,
    ExpirySweep,
    GrantDeadlines,
    BadgeIssuer,
    CredentialStatus,
    BadgesService,
    HeldCredentialsReader,
    CredentialsPersonalData,
    CredentialsEvents,
    RequestEscalation,
  ],
  exports: [RolesService, GrantsService, BadgesService, RefreshersService],
})
export class CredentialsModule implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly sweep: ExpirySweep,
    private readonly held: HeldCredentialsSource,
    private readonly reader: HeldCredentialsReader,
  ) {}

  onModuleInit(): void {
    // Identity shows what people hold (GET /me) through this, without depending on credentials.
    this.held.provide(this.reader);
    this.jobs.schedule(EXPIRY_SWEEP.name, EXPIRY_SWEEP.cron, () => this.sweep.run().then(() => undefined));
  }
}
