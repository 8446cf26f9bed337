import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FlagResult, FlagView, Page, ReplyEditView, ReplyView, ReviewQueue, ThreadActivity, ThreadView } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { ApiProblem, PageDto, PageQueryDto, UuidParam } from '@hearth/platform';
import {
  CreateReplyDto,
  FlagDto,
  FlagResultDto,
  FlagViewDto,
  RepliesQueryDto,
  ReplyEditViewDto,
  ReplyViewDto,
  ReviewDto,
  ReviewQueueDto,
  ThreadActivityDto,
  ThreadViewDto,
  UpdateReplyDto,
} from './discussions.dto';
import { ModerationService } from './moderation.service';
import { ThreadsService } from './threads.service';

@ApiTags('discussions')
@ApiBearerAuth()
@Controller('items')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get(':id/thread')
  @ApiOkResponse({ type: ThreadViewDto })
  thread(@CurrentUser() caller: AuthUser, @UuidParam('id') itemId: string): Promise<ThreadView> {
    return this.threads.thread(caller, itemId);
  }

  /** Answers, a page at a time; 403 `…/post-first` until I have answered a post-first prompt. */
  @Get(':id/replies')
  @ApiOkResponse({ type: PageDto(ReplyViewDto) })
  @ApiProblem(403, 'post-first: answer the prompt yourself before reading the others\' answers.')
  answers(@CurrentUser() caller: AuthUser, @UuidParam('id') itemId: string, @Query() query: RepliesQueryDto): Promise<Page<ReplyView>> {
    return this.threads.answers(caller, itemId, query);
  }

  @Post(':id/replies')
  @ApiCreatedResponse({ type: ReplyViewDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key again returns the first reply instead of posting twice' })
  post(@CurrentUser() caller: AuthUser, @UuidParam('id') itemId: string, @Body() dto: CreateReplyDto, @Headers('idempotency-key') key?: string): Promise<ReplyView> {
    return this.threads.post(caller, itemId, dto, key);
  }

  @Post(':id/thread/read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every reply in the thread counts as read by me.' })
  markRead(@CurrentUser() caller: AuthUser, @UuidParam('id') itemId: string): Promise<void> {
    return this.threads.markRead(caller, itemId);
  }
}

@ApiTags('discussions')
@ApiBearerAuth()
@Controller('replies')
export class RepliesController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly moderation: ModerationService,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: ReplyViewDto })
  reply(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ReplyView> {
    return this.threads.reply(caller, id);
  }

  @Get(':id/children')
  @ApiOkResponse({ type: PageDto(ReplyViewDto) })
  children(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<ReplyView>> {
    return this.threads.children(caller, id, query);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ReplyViewDto, description: 'Edited; the earlier text is kept in its history.' })
  edit(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateReplyDto): Promise<ReplyView> {
    return this.threads.edit(caller, id, dto.body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed: it shows as removed.' })
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.threads.remove(caller, id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [ReplyEditViewDto] })
  history(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ReplyEditView[]> {
    return this.threads.history(caller, id);
  }

  @Put(':id/reactions/:kind')
  @ApiOkResponse({ type: ReplyViewDto })
  react(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Param('kind') kind: string): Promise<ReplyView> {
    return this.moderation.react(caller, id, kind, true);
  }

  @Delete(':id/reactions/:kind')
  @ApiOkResponse({ type: ReplyViewDto })
  unreact(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Param('kind') kind: string): Promise<ReplyView> {
    return this.moderation.react(caller, id, kind, false);
  }

  @Post(':id/flags')
  @ApiCreatedResponse({ type: FlagResultDto })
  flag(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: FlagDto): Promise<FlagResult> {
    return this.moderation.flag(caller, id, dto.reason);
  }

  @Post(':id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplyViewDto })
  review(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ReviewDto): Promise<ReplyView> {
    return this.moderation.review(caller, id, dto);
  }

  @Post(':id/hide')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplyViewDto })
  hide(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ReplyView> {
    return this.moderation.setVisibility(caller, id, true);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplyViewDto })
  restore(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ReplyView> {
    return this.moderation.setVisibility(caller, id, false);
  }
}

@ApiTags('discussions')
@ApiBearerAuth()
@Controller()
export class CourseDiscussionsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly moderation: ModerationService,
  ) {}

  /** Per discussion: answers, and replies I have not read. */
  @Get('courses/:course/threads')
  @ApiOkResponse({ type: [ThreadActivityDto] })
  activity(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<ThreadActivity[]> {
    return this.threads.activity(caller, ref);
  }

  /** What waits for me in the courses I help run: answers to review, open flags. */
  @Get('me/review-queue')
  @ApiOkResponse({ type: [ReviewQueueDto] })
  waiting(@CurrentUser() caller: AuthUser): Promise<ReviewQueue[]> {
    return this.moderation.waitingFor(caller);
  }

  /** The moderation queue: open flags, for the course's staff. */
  @Get('courses/:course/flags')
  @ApiOkResponse({ type: [FlagViewDto] })
  flags(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<FlagView[]> {
    return this.moderation.queue(caller, ref);
  }

  @Post('flags/:id/dismiss')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Dismissed: the reply\'s open flags are closed, and a reply the flags hid is shown again.' })
  dismiss(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.moderation.dismiss(caller, id);
  }
}
