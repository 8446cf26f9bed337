export { AppealsService } from './appeals.service';
export { ChatModerationService } from './chat-moderation.service';
export { ChatGateway } from './chat.gateway';
export { ChatModule } from './chat.module';
export { MessagesService } from './messages.service';
export { ReportsService } from './reports.service';
export { RoomsService } from './rooms.service';
export { SessionsService } from './sessions.service';
