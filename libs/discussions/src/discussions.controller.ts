import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FlagView, Page, ReplyEditView, ReplyView, ReviewQueue, ThreadActivity, ThreadView } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageQueryDto, UuidParam } from '@hearth/platform';
import { CreateReplyDto, FlagDto, RepliesQueryDto, ReviewDto, UpdateReplyDto } from './discussions.dto';
import { ModerationService } from './moderation.service';
import { ThreadsService } from './threads.service';

@ApiTags('discussions')
@ApiBearerAuth()
@Controller('items')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get(':id/thread')
  thread(@CurrentUser() caller: AuthUser, @UuidParam('id') itemId: string): Promise<ThreadView> {
    return this.threads.thread(caller, itemId);
  }

  /** Answers, a page at a time; 403 `…/post-first` until I have answered a post-first prompt. */
  @Get(':id/replies')
  answers(@CurrentUser() caller: AuthUser, @UuidParam('id') itemId: string, @Query() query: RepliesQueryDto): Promise<Page<ReplyView>> {
    return this.threads.answers(caller, itemId, query);
  }

  @Post(':id/replies')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key again returns the first reply instead of posting twice' })
  post(@CurrentUser() caller: AuthUser, @UuidParam('id') itemId: string, @Body() dto: CreateReplyDto, @Headers('idempotency-key') key?: string): Promise<ReplyView> {
    return this.threads.post(caller, itemId, dto, key);
  }

  @Post(':id/thread/read')
  @HttpCode(204)
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
  reply(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ReplyView> {
    return this.threads.reply(caller, id);
  }

  @Get(':id/children')
  children(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<ReplyView>> {
    return this.threads.children(caller, id, query);
  }

  @Patch(':id')
  edit(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateReplyDto): Promise<ReplyView> {
    return this.threads.edit(caller, id, dto.body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.threads.remove(caller, id);
  }

  @Get(':id/history')
  history(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ReplyEditView[]> {
    return this.threads.history(caller, id);
  }

  @Put(':id/reactions/:kind')
  react(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Param('kind') kind: string): Promise<ReplyView> {
    return this.moderation.react(caller, id, kind, true);
  }

  @Delete(':id/reactions/:kind')
  unreact(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Param('kind') kind: string): Promise<ReplyView> {
    return this.moderation.react(caller, id, kind, false);
  }

  @Post(':id/flags')
  flag(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: FlagDto): Promise<{ id: string; hidden: boolean }> {
    return this.moderation.flag(caller, id, dto.reason);
  }

  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ReviewDto): Promise<ReplyView> {
    return this.moderation.review(caller, id, dto);
  }

  @Post(':id/hide')
  @HttpCode(200)
  hide(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ReplyView> {
    return this.moderation.setVisibility(caller, id, true);
  }

  @Post(':id/restore')
  @HttpCode(200)
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
  activity(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<ThreadActivity[]> {
    return this.threads.activity(caller, ref);
  }

  /** What waits for me in the courses I help run: answers to review, open flags. */
  @Get('me/review-queue')
  waiting(@CurrentUser() caller: AuthUser): Promise<ReviewQueue[]> {
    return this.moderation.waitingFor(caller);
  }

  /** The moderation queue: open flags, for the course's staff. */
  @Get('courses/:course/flags')
  flags(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<FlagView[]> {
    return this.moderation.queue(caller, ref);
  }

  @Post('flags/:id/dismiss')
  @HttpCode(204)
  dismiss(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.moderation.dismiss(caller, id);
  }
}
