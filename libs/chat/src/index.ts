export { ChatModerationService } from './chat-moderation.service';
export { ChatGateway } from './chat.gateway';
export { ChatModule } from './chat.module';
export { MessagesService } from './messages.service';
export { RoomsService } from './rooms.service';
export { SessionsService } from './sessions.service';
