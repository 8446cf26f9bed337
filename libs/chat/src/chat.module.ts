import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@hearth/courses';
import { CredentialsModule } from '@hearth/credentials';
import { IdentityModule } from '@hearth/identity';
import { AppealsService } from './appeals.service';
import { ChatBroadcast } from './chat-broadcast';
import { ChatModerationService } from './chat-moderation.service';
import { ChatEvents } from './chat.events';
import { ChatPowers } from './chat-powers';
import { ChatPersonalData } from './chat.personal-data';
import { ChatSignOuts } from './chat-sign-outs';
import { ChatController } from './chat.controller';
import { CoverageController } from './coverage.controller';
import { CoverageRepository } from './coverage.repository';
import { CoverageService } from './coverage.service';
import {
  ChatAppealEntity,
  ChatCoHostConfirmationEntity,
  ChatPracticeReviewEntity,
  ChatHostCallEntity,
  ChatMemberBadgeEntity,
  ChatMemberEntity,
  ChatMemberRoleEntity,
  ChatMessageEntity,
  ChatPresenceEntity,
  ChatReportEntity,
  ChatRoleEntity,
  ChatRoomEntity,
  ChatSanctionEntity,
  ChatSenderEntity,
  ChatSessionEntity,
  ChatShiftEntity,
} from './chat.entity';
import { ChatGateway } from './chat.gateway';
import { ChatRepository } from './chat.repository';
import { MessagesService } from './messages.service';
import { AdminAppealsController, ReportsController, SanctionsController } from './moderation.controller';
import { ReportsService } from './reports.service';
import { RoomsService } from './rooms.service';
import { SanctionViews } from './sanction-views';
import { SanctionsRepository } from './sanctions.repository';
import { SessionsService } from './sessions.service';
import { StandingRepository } from './standing.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ChatRoomEntity,
      ChatMessageEntity,
      ChatSanctionEntity,
      ChatAppealEntity,
      ChatReportEntity,
      ChatSessionEntity,
      ChatPresenceEntity,
      ChatCoHostConfirmationEntity,
      ChatPracticeReviewEntity,
      ChatRoleEntity,
      ChatMemberEntity,
      ChatMemberRoleEntity,
      ChatMemberBadgeEntity,
      ChatSenderEntity,
      ChatShiftEntity,
      ChatHostCallEntity,
    ]),
    IdentityModule,
    CoursesModule,
    CredentialsModule,
  ],
  controllers: [ChatController, CoverageController, SanctionsController, ReportsController, AdminAppealsController],
  providers: [
    ChatRepository,
    StandingRepository,
    ChatEvents,
    SanctionsRepository,
    SanctionViews,
    ChatBroadcast,
    RoomsService,
    MessagesService,
    ChatModerationService,
    ReportsService,
    AppealsService,
    SessionsService,
    CoverageRepository,
    CoverageService,
    ChatPowers,
    ChatSignOuts,
    ChatPersonalData,
    ChatGateway,
  ],
  exports: [RoomsService, MessagesService, SessionsService, CoverageService, ChatModerationService, ReportsService, AppealsService],
})
export class ChatModule {}
