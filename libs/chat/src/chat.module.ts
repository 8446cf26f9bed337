import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@hearth/courses';
import { CredentialsModule } from '@hearth/credentials';
import { IdentityModule } from '@hearth/identity';
import { ChatAccess } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatModerationService } from './chat-moderation.service';
import { ChatPowers } from './chat-powers';
import { ChatController } from './chat.controller';
import { ChatBanEntity, ChatMessageEntity, ChatMuteEntity, ChatPresenceEntity, ChatRoomEntity, ChatSessionEntity } from './chat.entity';
import { ChatGateway } from './chat.gateway';
import { ChatRepository } from './chat.repository';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ChatRoomEntity, ChatMessageEntity, ChatMuteEntity, ChatBanEntity, ChatSessionEntity, ChatPresenceEntity]),
    IdentityModule,
    CoursesModule,
    CredentialsModule,
  ],
  controllers: [ChatController],
  providers: [ChatRepository, ChatAccess, ChatBroadcast, RoomsService, MessagesService, ChatModerationService, SessionsService, ChatPowers, ChatGateway],
  exports: [RoomsService, MessagesService, SessionsService, ChatModerationService],
})
export class ChatModule {}
