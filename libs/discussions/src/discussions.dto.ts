import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateReplyRequest,
  type FlagRequest,
  type FlagResult,
  type FlagView,
  REACTION_KINDS,
  type ReactionKind,
  REPLY_SORTS,
  type ReplyAuthor,
  type ReplyEditView,
  type ReplyReview,
  type ReplySort,
  type ReplyView,
  REVIEW_STATUSES,
  type ReviewQueue,
  type ReviewRequest,
  type ReviewStatus,
  type ThreadActivity,
  type ThreadView,
  type UpdateReplyRequest,
  type UserSummary,
} from '@hearth/contracts';
import { UserSummaryDto } from '@hearth/identity';
import { PageQueryDto } from '@hearth/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

export const MAX_REPLY = 20_000;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateReplyDto implements CreateReplyRequest {
  @ApiProperty({ description: 'Markdown; @username mentions the member' })
  @Transform(trim)
  @IsString()
  @Length(1, MAX_REPLY, { message: `A reply is 1 to ${MAX_REPLY} characters.` })
  body!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The answer this replies to' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class UpdateReplyDto implements UpdateReplyRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, MAX_REPLY, { message: `A reply is 1 to ${MAX_REPLY} characters.` })
  body!: string;
}

export class RepliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPLY_SORTS, default: 'oldest' })
  @IsOptional()
  @IsIn(REPLY_SORTS, { message: `sort is one of ${REPLY_SORTS.join(', ')}` })
  sort?: ReplySort;
}

export class FlagDto implements FlagRequest {
  @ApiProperty({ description: 'What is wrong with it' })
  @Transform(trim)
  @IsString()
  @Length(1, 500, { message: 'Say in 1 to 500 characters what is wrong.' })
  reason!: string;
}

export class ReviewDto implements ReviewRequest {
  @ApiProperty({ enum: REVIEW_STATUSES })
  @IsIn(REVIEW_STATUSES, { message: `status is ${REVIEW_STATUSES.join(' or ')}` })
  status!: ReviewStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ThreadViewDto implements ThreadView {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() courseSlug!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty() title!: string;
  @ApiProperty() promptHtml!: string;
  @ApiProperty({ type: String, nullable: true }) reflectionQuestion!: string | null;
  @ApiProperty() postFirst!: boolean;
  @ApiProperty() minWords!: number;
  @ApiProperty({ description: 'Answers, not counting nested replies nor removed answers' }) replyCount!: number;
  @ApiProperty({ description: 'False while a post-first prompt waits for my own answer' }) canSeeReplies!: boolean;
  @ApiProperty({ type: String, nullable: true }) myAnswerId!: string | null;
  @ApiProperty() canModerate!: boolean;
  @ApiProperty() canReview!: boolean;
}

export class ReplyAuthorDto extends UserSummaryDto implements ReplyAuthor {
  @ApiProperty({ type: [String], description: 'Facilitator roles held, shown next to the name' }) badges!: string[];
}

export class ReplyReviewDto implements ReplyReview {
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) reviewer!: UserSummary | null;
  @ApiProperty() reviewedAt!: string;
}

export class ReactionCountsDto implements Record<ReactionKind, number> {
  @ApiProperty() like!: number;
  @ApiProperty() heart!: number;
  @ApiProperty() insightful!: number;
  @ApiProperty() support!: number;
}

export class ReplyViewDto implements ReplyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @ApiProperty({ description: 'Empty when the reply is removed or hidden (and the caller may not moderate)' }) bodyHtml!: string;
  @ApiProperty({ type: ReplyAuthorDto, nullable: true }) author!: ReplyAuthor | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) editedAt!: string | null;
  @ApiProperty({ enum: ['visible', 'removed', 'hidden'] }) state!: ReplyView['state'];
  @ApiProperty({ type: ReactionCountsDto }) reactions!: Record<ReactionKind, number>;
  @ApiProperty({ enum: REACTION_KINDS, isArray: true }) myReactions!: ReactionKind[];
  @ApiProperty() childCount!: number;
  @ApiProperty() mine!: boolean;
  @ApiPropertyOptional({ description: 'The Markdown, for its author to edit' }) bodyMd?: string;
  @ApiProperty() wordCount!: number;
  @ApiProperty({ type: ReplyReviewDto, nullable: true, description: "Shown to the answer's author and to staff" }) review!: ReplyReview | null;
}

export class ReplyEditViewDto implements ReplyEditView {
  @ApiProperty() bodyMd!: string;
  @ApiProperty() editedAt!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) editedBy!: UserSummary | null;
}

export class FlagResultDto implements FlagResult {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The reply is hidden now, until a moderator looks' }) hidden!: boolean;
}

type FlaggedReply = FlagView['reply'];
export class FlaggedReplyDto extends ReplyViewDto implements FlaggedReply {
  @ApiProperty({ required: true, description: 'The Markdown, for moderators to read' }) override bodyMd!: string;
  @ApiProperty() itemTitle!: string;
}

export class FlagViewDto implements FlagView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) flaggedBy!: UserSummary | null;
  @ApiProperty({ type: FlaggedReplyDto }) reply!: FlagView['reply'];
}

export class ThreadActivityDto implements ThreadActivity {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() answerCount!: number;
  @ApiProperty({ description: 'Replies I have not read, counted up to UNREAD_COUNT_LIMIT' }) unread!: number;
}

export class ReviewQueueDto implements ReviewQueue {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() answersToReview!: number;
  @ApiProperty() openFlags!: number;
}
