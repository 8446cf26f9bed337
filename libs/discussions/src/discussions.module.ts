import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@hearth/courses';
import { IdentityModule } from '@hearth/identity';
import { CourseDiscussionsController, RepliesController, ThreadsController } from './discussions.controller';
import { MentorReviewEntity, ReactionEntity, ReplyFlagEntity } from './moderation.entity';
import { DiscussionsEvents } from './discussions.events';
import { DiscussionsPersonalData } from './discussions.personal-data';
import { ModerationService } from './moderation.service';
import { ReplyEditEntity, ReplyEntity } from './reply.entity';
import { ReplyRepository } from './reply.repository';
import { ReplyViews } from './reply-views';
import { ThreadEntity, ThreadReadEntity } from './thread.entity';
import { ThreadsService } from './threads.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ThreadEntity, ThreadReadEntity, ReplyEntity, ReplyEditEntity, ReactionEntity, ReplyFlagEntity, MentorReviewEntity]),
    IdentityModule,
    CoursesModule,
  ],
  controllers: [ThreadsController, RepliesController, CourseDiscussionsController],
  providers: [DiscussionsPersonalData, DiscussionsEvents, ModerationService, ReplyRepository, ReplyViews, ThreadsService],
  exports: [ThreadsService, ModerationService],
})
export class DiscussionsModule {}
