import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateReplyRequest,
  type FlagRequest,
  REPLY_SORTS,
  type ReplySort,
  REVIEW_STATUSES,
  type ReviewRequest,
  type ReviewStatus,
  type UpdateReplyRequest,
} from '@hearth/contracts';
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
