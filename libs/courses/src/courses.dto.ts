import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  type CompletionRequirement,
  COURSE_ROLES,
  type CourseRole,
  type CreateCourseRequest,
  type CreateItemRequest,
  type CreateModuleRequest,
  DEFAULT_SHOW_ANSWERS,
  ITEM_TYPES,
  type ItemType,
  type PublishRequest,
  type QuizAnswer,
  type QuizAttemptRequest,
  type QuizOptionDraft,
  type QuizQuestionDraft,
  type RequirementsRequest,
  SHOW_ANSWERS,
  type ShowAnswers,
  type SignOffRequest,
  SLUG_PATTERN,
  type UpdateCourseRequest,
  type UpdateItemRequest,
  type UpdateModuleRequest,
} from '@hearth/contracts';
import { PageQueryDto } from '@hearth/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const MAX_MARKDOWN = 100_000;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SLUG_MESSAGE = 'A slug is lower-case letters and digits joined by single hyphens, like group-dynamics.';

export class CreateCourseDto implements CreateCourseRequest {
  @ApiProperty({ example: 'group-support-foundations' })
  @Transform(trim)
  @IsString()
  @Length(3, 60, { message: 'The slug must be 3 to 60 characters.' })
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  // A course is found by id or by slug, so a slug must not look like an id.
  @Matches(/^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/, { message: 'A slug cannot look like an id.' })
  slug!: string;

  @ApiProperty({ example: 'Group Support Foundations' })
  @Transform(trim)
  @IsString()
  @Length(1, 120, { message: 'The title must be 1 to 120 characters.' })
  title!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  summary!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'An https image address' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'The cover image must be an https address.' })
  coverImageUrl?: string | null;
}

/** Every field optional; null only where it means "none" (the cover image). */
export class UpdateCourseDto extends PartialType(CreateCourseDto, { skipNullProperties: false }) implements UpdateCourseRequest {}

export class CatalogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only courses I write or mentor, drafts included' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  mine?: boolean;
}

export class CreateModuleDto implements CreateModuleRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 120, { message: 'The title must be 1 to 120 characters.' })
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @MaxLength(60)
  slug?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;
}

export class UpdateModuleDto extends PartialType(CreateModuleDto, { skipNullProperties: false }) implements UpdateModuleRequest {}

export class QuizOptionDto implements QuizOptionDraft {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  id?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(500)
  text!: string;

  @ApiProperty()
  @IsBoolean()
  correct!: boolean;
}

export class QuizQuestionDto implements QuizQuestionDraft {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  id?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  text!: string;

  @ApiProperty({ enum: ['single', 'multiple'] })
  @IsIn(['single', 'multiple'], { message: 'kind is single (one answer) or multiple (several)' })
  kind!: 'single' | 'multiple';

  @ApiProperty({ type: [QuizOptionDto] })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => QuizOptionDto)
  options!: QuizOptionDto[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(4000)
  explanation?: string | null;
}

export class CreateItemDto implements CreateItemRequest {
  @ApiProperty({ enum: ITEM_TYPES })
  @IsIn(ITEM_TYPES, { message: `type is one of ${ITEM_TYPES.join(', ')}` })
  type!: ItemType;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 160, { message: 'The title must be 1 to 160 characters.' })
  title!: string;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @MaxLength(MAX_MARKDOWN)
  body!: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @MaxLength(60)
  slug?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @MaxLength(1000)
  reflectionQuestion?: string | null;

  @ApiPropertyOptional({ default: true, description: 'Discussions: answers stay hidden until you have answered' })
  @IsOptional()
  @IsBoolean()
  postFirst?: boolean;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5000)
  minWords?: number;

  @ApiPropertyOptional({ type: [QuizQuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  questions?: QuizQuestionDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 70 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  passPercent?: number;

  @ApiPropertyOptional({ enum: SHOW_ANSWERS, default: DEFAULT_SHOW_ANSWERS, description: 'Quizzes: when the key and explanations are shown' })
  @IsOptional()
  @IsIn(SHOW_ANSWERS, { message: `showAnswers must be one of: ${SHOW_ANSWERS.join(', ')}.` })
  showAnswers?: ShowAnswers;
}

export class UpdateItemDto extends PartialType(OmitType(CreateItemDto, ['type'] as const), { skipNullProperties: false }) implements UpdateItemRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Move the item to another module of the same course' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;
}

export class PublishDto implements PublishRequest {
  @ApiPropertyOptional({ description: 'What changed, for the version history' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class StaffRoleDto {
  @ApiProperty({ enum: COURSE_ROLES })
  @IsIn(COURSE_ROLES, { message: `role is one of ${COURSE_ROLES.join(', ')}` })
  role!: CourseRole;
}

export class AddStaffDto extends StaffRoleDto {
  @ApiProperty()
  @IsString()
  @Length(1, 30)
  username!: string;
}

export class QuizAnswerDto implements QuizAnswer {
  @ApiProperty()
  @IsString()
  @MaxLength(40)
  questionId!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(12)
  @IsString({ each: true })
  optionIds!: string[];
}

export class QuizAttemptDto implements QuizAttemptRequest {
  @ApiProperty({ type: [QuizAnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuizAnswerDto)
  answers!: QuizAnswerDto[];
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['tar.gz', 'zip'], default: 'tar.gz' })
  @IsOptional()
  @IsIn(['tar.gz', 'zip'], { message: 'format is tar.gz or zip' })
  format?: 'tar.gz' | 'zip';
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Publish the imported draft at once' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  publish?: boolean;

  @ApiPropertyOptional({ description: 'Version note when publishing' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ParticipantsQueryDto {
  @ApiPropertyOptional({ description: 'The start of a username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  q?: string;
}

export class RequirementsDto implements RequirementsRequest {
  @ApiProperty({
    description:
      'Each one of: { kind: lessons_viewed } | { kind: discussions_answered, atLeast? } | { kind: answers_accepted, atLeast? } | { kind: quizzes_passed } | { kind: sessions_attended, sessionKind, atLeast, minutes } | { kind: mentor_signoff }',
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray()
  @ArrayMaxSize(50)
  // Each entry is checked field by field by the service (readRequirements), as course folders are.
  requirements!: CompletionRequirement[];
}

export class SignOffDto implements SignOffRequest {
  @ApiPropertyOptional({ description: 'A word for the record' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}
