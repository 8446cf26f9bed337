import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChatMessage, ChatRoom, ChatSession, ModerationHistory, Page, PracticeSessionView, RoleSuspensionTaken, RoomMember, SanctionTaken, TimedSanctionTaken, UpcomingSession } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageDto, PageQueryDto, UuidParam } from '@hearth/platform';
import { ChatModerationService } from './chat-moderation.service';
import {
  ArchiveDto,
  ChatMessageDto,
  ChatRoomDto,
  ChatSessionDto,
  CoHostDto,
  CreateRoomDto,
  FreezeDto,
  ModerationHistoryDto,
  PinDto,
  PracticeSessionViewDto,
  PracticumReviewRequestDto,
  RemoveMessageDto,
  RoleSuspensionDto,
  RoleSuspensionTakenDto,
  RoomMemberDto,
  SanctionTakenDto,
  ScheduleSessionDto,
  SendMessageDto,
  SlowModeDto,
  TimedSanctionTakenDto,
  TimedStepDto,
  UpcomingSessionDto,
  UpdateRoomDto,
  WarnDto,
  WelcomeDto,
} from './chat.dto';
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
  @ApiOkResponse({ type: [ChatRoomDto] })
  list(@CurrentUser() caller: AuthUser): Promise<ChatRoom[]> {
    return this.rooms.list(caller);
  }

  @Post('rooms')
  @ApiCreatedResponse({ type: ChatRoomDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateRoomDto): Promise<ChatRoom> {
    return this.rooms.create(caller, dto);
  }

  @Get('rooms/:id')
  @ApiOkResponse({ type: ChatRoomDto })
  get(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatRoom> {
    return this.rooms.get(caller, id);
  }

  @Patch('rooms/:id')
  @ApiOkResponse({ type: ChatRoomDto })
  update(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateRoomDto): Promise<ChatRoom> {
    return this.rooms.update(caller, id, dto);
  }

  @Post('rooms/:id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatRoomDto })
  archive(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ArchiveDto): Promise<ChatRoom> {
    return this.rooms.archive(caller, id, dto.archived);
  }

  /** The room's history, newest first. */
  @Get('rooms/:id/messages')
  @ApiOkResponse({ type: PageDto(ChatMessageDto) })
  messageHistory(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<ChatMessage>> {
    return this.messages.history(caller, id, query);
  }

  @Post('rooms/:id/messages')
  @ApiCreatedResponse({ type: ChatMessageDto, description: 'Posted, as the socket\'s message:send would.' })
  send(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: SendMessageDto): Promise<ChatMessage> {
    return this.messages.send(caller, id, dto.body, dto.clientId);
  }

  /** One's own message, or (a moderator, with `reasonCode` and `reason`) someone else's. */
  @Delete('messages/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed: the room is told (message:deleted).' })
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: RemoveMessageDto): Promise<void> {
    return this.moderation.removeMessage(caller, id, dto ?? {});
  }

  /** Who is in the room now. */
  @Get('rooms/:id/people')
  @ApiOkResponse({ type: [RoomMemberDto] })
  people(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<RoomMember[]> {
    return this.rooms.people(caller, id);
  }

  /** The ladder's first step: a warning, with a reason, told to the person only. */
  @Post('rooms/:id/warnings')
  @ApiCreatedResponse({ type: SanctionTakenDto })
  warn(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: WarnDto): Promise<SanctionTaken> {
    return this.moderation.warn(caller, id, dto);
  }

  @Post('rooms/:id/mutes')
  @ApiCreatedResponse({ type: TimedSanctionTakenDto })
  mute(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: TimedStepDto): Promise<TimedSanctionTaken> {
    return this.moderation.mute(caller, id, dto);
  }

  /** Out of the room for a time. */
  @Post('rooms/:id/bans')
  @ApiCreatedResponse({ type: TimedSanctionTakenDto })
  ban(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: TimedStepDto): Promise<TimedSanctionTaken> {
    return this.moderation.ban(caller, id, dto);
  }

  /** Admins: the ladder's last step for a facilitator, one of their roles suspended for some days. */
  @Post('rooms/:id/role-suspensions')
  @ApiCreatedResponse({ type: RoleSuspensionTakenDto })
  suspendRole(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: RoleSuspensionDto): Promise<RoleSuspensionTaken> {
    return this.moderation.suspendRole(caller, id, dto);
  }

  /** A person's moderation history and the ladder's next step, for the room's moderators. */
  @Get('rooms/:id/people/:userId/moderation')
  @ApiOkResponse({ type: ModerationHistoryDto })
  history(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @UuidParam('userId') userId: string): Promise<ModerationHistory> {
    return this.moderation.history(caller, id, userId);
  }

  @Put('rooms/:id/slow-mode')
  @ApiOkResponse({ type: ChatRoomDto })
  slowMode(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: SlowModeDto): Promise<ChatRoom> {
    return this.moderation.slowMode(caller, id, dto.seconds);
  }

  /** Lock the room (only facilitators post) or open it again. */
  @Put('rooms/:id/freeze')
  @ApiOkResponse({ type: ChatRoomDto })
  freeze(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: FreezeDto): Promise<ChatRoom> {
    return this.moderation.freeze(caller, id, dto.frozen);
  }

  @Post('rooms/:id/welcome')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Welcomed: a system message in the room.' })
  welcome(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: WelcomeDto): Promise<void> {
    return this.moderation.welcome(caller, id, dto.userId);
  }

  /** Sessions scheduled in the rooms I may enter, not started yet, soonest first (the next ten). */
  @Get('sessions/upcoming')
  @ApiOkResponse({ type: [UpcomingSessionDto] })
  upcomingForMe(@CurrentUser() caller: AuthUser): Promise<UpcomingSession[]> {
    return this.sessions.upcomingForMe(caller);
  }

  /** Sessions scheduled in the room, not started yet. */
  @Get('rooms/:id/sessions')
  @ApiOkResponse({ type: [ChatSessionDto] })
  upcoming(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatSession[]> {
    return this.sessions.upcoming(caller, id);
  }

  @Post('rooms/:id/sessions')
  @ApiCreatedResponse({ type: ChatSessionDto })
  schedule(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ScheduleSessionDto): Promise<ChatSession> {
    return this.sessions.create(caller, id, dto);
  }

  @Post('sessions/:id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatSessionDto })
  start(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatSession> {
    return this.sessions.start(caller, id);
  }

  @Post('sessions/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatSessionDto })
  end(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatSession> {
    return this.sessions.end(caller, id);
  }

  @Post('sessions/:id/pin')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatSessionDto })
  pin(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: PinDto): Promise<ChatSession> {
    return this.sessions.pin(caller, id, dto.messageId);
  }

  /** The session's leader confirms its co-host ran it well (toward the end of their probation). */
  @Post('sessions/:id/co-host/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatSessionDto })
  confirmCoHost(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ChatSession> {
    return this.sessions.confirmCoHost(caller, id);
  }

  /** A practice session with its script, rubric and review: for its trainee, its observer, the course's mentors and admins. */
  @Get('sessions/:id/practice')
  @ApiOkResponse({ type: PracticeSessionViewDto })
  practice(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<PracticeSessionView> {
    return this.sessions.practice(caller, id);
  }

  /** A mentor of the course joins a practice session as its observer. */
  @Post('sessions/:id/observe')
  @HttpCode(200)
  @ApiOkResponse({ type: PracticeSessionViewDto })
  observe(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<PracticeSessionView> {
    return this.sessions.observe(caller, id);
  }

  /** The observing mentor scores an ended practice session against the course's rubric, with feedback. */
  @Post('sessions/:id/practicum-review')
  @ApiCreatedResponse({ type: PracticeSessionViewDto })
  review(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: PracticumReviewRequestDto): Promise<PracticeSessionView> {
    return this.sessions.review(caller, id, dto);
  }

  @Post('sessions/:id/co-host')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatSessionDto })
  coHost(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: CoHostDto): Promise<ChatSession> {
    return this.sessions.coHost(caller, id, dto.userId);
  }
}
