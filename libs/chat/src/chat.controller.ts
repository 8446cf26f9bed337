import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChatMessage, ChatRoom, ChatSession, Page, RoomMember } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageQueryDto, UuidParam } from '@hearth/platform';
import { ChatModerationService } from './chat-moderation.service';
import { ArchiveDto, BanDto, CoHostDto, CreateRoomDto, FreezeDto, MuteDto, PinDto, ScheduleSessionDto, SendMessageDto, SlowModeDto, UpdateRoomDto, WelcomeDto } from './chat.dto';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { SessionsService } from './sessions.service';

@ApiTags('chat')
@ApiBearerAuth()
@Controller('chat')
export class ChatController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly moderation: ChatModerationService,
    private readonly sessions: SessionsService,
  ) {}

  /** Every room, with `locked`, `canEnter` and, for a room I cannot enter, what would open it. */
  @Get('rooms')
  list(@CurrentUser() caller: AuthUser): Promise<ChatRoom[]> {
    return this.rooms.list(caller);
  }

  @Post('rooms')
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateRoomDto): Promise<ChatRoom> {
    return this.rooms.create(caller, dto);
  }

  @Get('rooms/:id')
  get(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatRoom> {
    return this.rooms.get(caller, id);
  }

  @Patch('rooms/:id')
  update(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateRoomDto): Promise<ChatRoom> {
    return this.rooms.update(caller, id, dto);
  }

  @Post('rooms/:id/archive')
  @HttpCode(200)
  archive(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ArchiveDto): Promise<ChatRoom> {
    return this.rooms.archive(caller, id, dto.archived);
  }

  /** The room's history, newest first. */
  @Get('rooms/:id/messages')
  history(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<ChatMessage>> {
    return this.messages.history(caller, id, query);
  }

  @Post('rooms/:id/messages')
  send(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: SendMessageDto): Promise<ChatMessage> {
    return this.messages.send(caller, id, dto.body, dto.clientId);
  }

  @Delete('messages/:id')
  @HttpCode(204)
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.messages.remove(caller, id);
  }

  /** Who is in the room now. */
  @Get('rooms/:id/people')
  people(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<RoomMember[]> {
    return this.rooms.people(caller, id);
  }

  @Post('rooms/:id/mutes')
  mute(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: MuteDto): Promise<{ until: string }> {
    return this.moderation.mute(caller, id, dto.userId, dto.minutes, dto.reason);
  }

  /** Out of the room for a time. */
  @Post('rooms/:id/bans')
  ban(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: BanDto): Promise<{ until: string }> {
    return this.moderation.ban(caller, id, dto.userId, dto.minutes, dto.reason);
  }

  @Put('rooms/:id/slow-mode')
  slowMode(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: SlowModeDto): Promise<ChatRoom> {
    return this.moderation.slowMode(caller, id, dto.seconds);
  }

  /** Lock the room (only facilitators post) or open it again. */
  @Put('rooms/:id/freeze')
  freeze(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: FreezeDto): Promise<ChatRoom> {
    return this.moderation.freeze(caller, id, dto.frozen);
  }

  @Post('rooms/:id/welcome')
  @HttpCode(204)
  welcome(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: WelcomeDto): Promise<void> {
    return this.moderation.welcome(caller, id, dto.userId);
  }

  /** Sessions scheduled in the room, not started yet. */
  @Get('rooms/:id/sessions')
  upcoming(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatSession[]> {
    return this.sessions.upcoming(caller, id);
  }

  @Post('rooms/:id/sessions')
  schedule(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ScheduleSessionDto): Promise<ChatSession> {
    return this.sessions.create(caller, id, dto);
  }

  @Post('sessions/:id/start')
  @HttpCode(200)
  start(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatSession> {
    return this.sessions.start(caller, id);
  }

  @Post('sessions/:id/end')
  @HttpCode(200)
  end(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatSession> {
    return this.sessions.end(caller, id);
  }

  @Post('sessions/:id/pin')
  @HttpCode(200)
  pin(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: PinDto): Promise<ChatSession> {
    return this.sessions.pin(caller, id, dto.messageId);
  }

  @Post('sessions/:id/co-host')
  @HttpCode(200)
  coHost(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: CoHostDto): Promise<ChatSession> {
    return this.sessions.coHost(caller, id, dto.userId);
  }
}
