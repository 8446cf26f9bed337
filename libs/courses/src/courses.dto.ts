import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  type CompletionRequirement,
  COURSE_ROLES,
  COURSE_STATUSES,
  type CourseDraft,
  type CourseOutline,
  type CourseRole,
  type CourseStaffMember,
  type CourseStatus,
  type CourseSummary,
  type CourseVersionSummary,
  type CreateCourseRequest,
  type CreateItemRequest,
  type CreateModuleRequest,
  DEFAULT_SHOW_ANSWERS,
  type DraftItem,
  type DraftModule,
  type Enrollment,
  type ImportResult,
  ITEM_STATES,
  ITEM_TYPES,
  type ItemState,
  type ItemType,
  type ItemView,
  type LearningCourse,
  type MyLearning,
  type OutlineItem,
  type OutlineModule,
  type PublishRequest,
  type QuizAnswer,
  type QuizAttemptRequest,
  type QuizAttemptResult,
  type QuizOptionDraft,
  type QuizOptionView,
  type QuizQuestionDraft,
  type QuizQuestionReview,
  type QuizQuestionView,
  RECERTIFY_DAYS,
  type RequirementsRequest,
  SHOW_ANSWERS,
  type ScriptContent,
  type ScriptStep,
  type ScriptView,
  type ShowAnswers,
  type SignOffRequest,
  SLUG_PATTERN,
  type UpdateCourseRequest,
  type UpdateItemRequest,
  type UpdateModuleRequest,
  type UserSummary,
} from '@hearth/contracts';
import { UserSummaryDto } from '@hearth/identity';
import { PageQueryDto } from '@hearth/platform';
import { ApiRequirementProperty } from '@hearth/progress';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
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
import type { Published } from './publishing.service';

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

  @ApiPropertyOptional({ type: () => ScriptContentDto, description: 'Scripts: the steps (title, prompt in Markdown) and reflection questions' })
  @IsOptional()
  @IsObject()
  script?: ScriptContent;
}

export class ScriptStepDto implements ScriptStep {
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown' }) prompt!: string;
}

export class ScriptContentDto implements ScriptContent {
  @ApiProperty({ type: [ScriptStepDto] }) steps!: ScriptStep[];
  @ApiProperty({ type: [String] }) questions!: string[];
}

export class ScriptStepViewDto {
  @ApiProperty() title!: string;
  @ApiProperty() promptHtml!: string;
}

export class ScriptViewDto implements ScriptView {
  @ApiProperty({ type: [ScriptStepViewDto] }) steps!: ScriptView['steps'];
  @ApiProperty({ type: [String] }) questions!: string[];
}

export class UpdateItemDto extends PartialType(OmitType(CreateItemDto, ['type'] as const), { skipNullProperties: false }) implements UpdateItemRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Move the item to another module of the same course' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;
}

export class RecertifyDto {
  @ApiProperty({ minimum: RECERTIFY_DAYS.min, maximum: RECERTIFY_DAYS.max, description: 'Days holders have to redo what changed' })
  @IsInt()
  @Min(RECERTIFY_DAYS.min)
  @Max(RECERTIFY_DAYS.max)
  days!: number;
}

export class PublishDto implements PublishRequest {
  @ApiPropertyOptional({ description: 'What changed, for the version history' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ type: RecertifyDto, description: 'Holders of the roles built on the course must redo what changed since the version before' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecertifyDto)
  recertify?: RecertifyDto;
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
  @ApiRequirementProperty({ isArray: true, description: 'Every one must be met' })
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

export class CourseSummaryDto implements CourseSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true }) coverImageUrl!: string | null;
  @ApiProperty({ enum: COURSE_STATUSES }) status!: CourseStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'The published version trainees see; null before the first publish' }) version!: number | null;
  @ApiProperty({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiProperty({ enum: COURSE_ROLES, nullable: true, description: 'My part in the course' }) myRole!: CourseRole | null;
  @ApiProperty() enrolled!: boolean;
  @ApiPropertyOptional({ description: 'Staff only: the draft differs from the published version' }) unpublishedChanges?: boolean;
}

export class CourseStaffMemberDto extends UserSummaryDto implements CourseStaffMember {
  @ApiProperty({ enum: COURSE_ROLES }) role!: CourseRole;
}

export class OutlineItemDto implements OutlineItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ITEM_TYPES }) type!: ItemType;
  @ApiProperty() title!: string;
  @ApiProperty() slug!: string;
  @ApiPropertyOptional({ enum: ITEM_STATES, description: 'Mine, when signed in and enrolled' }) state?: ItemState;
}

export class OutlineModuleDto implements OutlineModule {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [OutlineItemDto] }) items!: OutlineItem[];
}

export class EnrollmentDto implements Enrollment {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() enrolledAt!: string;
  @ApiProperty({ description: 'The version published when I enrolled' }) version!: number;
}

export class OutlineProgressDto implements NonNullable<CourseOutline['progress']> {
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
}

export class CourseOutlineDto extends CourseSummaryDto implements CourseOutline {
  @ApiProperty({ type: [OutlineModuleDto] }) modules!: OutlineModule[];
  @ApiProperty({ type: [UserSummaryDto] }) authors!: UserSummary[];
  @ApiProperty({ type: EnrollmentDto, nullable: true }) enrollment!: Enrollment | null;
  @ApiProperty({ type: OutlineProgressDto, nullable: true }) progress!: CourseOutline['progress'];
}

export class DraftQuestionDto implements Required<QuizQuestionDraft> {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ['single', 'multiple'] }) kind!: 'single' | 'multiple';
  @ApiProperty({ type: [QuizOptionDto] }) options!: QuizOptionDraft[];
  @ApiProperty({ type: String, nullable: true }) explanation!: string | null;
}

export class DraftItemDto implements DraftItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: ITEM_TYPES }) type!: ItemType;
  @ApiProperty() title!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'Markdown' }) body!: string;
  @ApiProperty() bodyHtml!: string;
  @ApiProperty({ type: String, nullable: true }) reflectionQuestion!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) postFirst!: boolean | null;
  @ApiProperty({ type: Number, nullable: true }) minWords!: number | null;
  @ApiProperty({ type: Number, nullable: true }) passPercent!: number | null;
  @ApiProperty({ enum: SHOW_ANSWERS, nullable: true }) showAnswers!: ShowAnswers | null;
  @ApiProperty({ type: [DraftQuestionDto], nullable: true, description: 'Quizzes: the questions with their key' }) questions!: Required<QuizQuestionDraft>[] | null;
  @ApiProperty({ type: ScriptContentDto, nullable: true, description: 'Scripts: the steps and questions' }) script!: ScriptContent | null;
  @ApiProperty({ description: 'Never published, or changed since the last publish' }) changed!: boolean;
  @ApiProperty({ type: [String], description: 'What keeps the item from being published' }) problems!: string[];
}

export class DraftModuleDto implements DraftModule {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: [DraftItemDto] }) items!: DraftItem[];
}

export class CourseDraftDto extends CourseSummaryDto implements CourseDraft {
  @ApiProperty({ type: [DraftModuleDto] }) modules!: DraftModule[];
  @ApiProperty({ type: [CourseStaffMemberDto] }) staff!: CourseStaffMember[];
  @ApiRequirementProperty({ isArray: true, description: 'What will complete the course once this draft is published' }) requirements!: CompletionRequirement[];
}

export class QuizOptionViewDto implements QuizOptionView {
  @ApiProperty() id!: string;
  @ApiProperty() textHtml!: string;
}

export class QuizQuestionViewDto implements QuizQuestionView {
  @ApiProperty() id!: string;
  @ApiProperty() textHtml!: string;
  @ApiProperty({ enum: ['single', 'multiple'] }) kind!: 'single' | 'multiple';
  @ApiProperty({ type: [QuizOptionViewDto] }) options!: QuizOptionView[];
}

export class ItemLinkDto implements NonNullable<ItemView['next']> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
}

export class ItemViewDto implements ItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() courseSlug!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty() moduleTitle!: string;
  @ApiProperty({ enum: ITEM_TYPES }) type!: ItemType;
  @ApiProperty() title!: string;
  @ApiProperty() bodyHtml!: string;
  @ApiProperty({ type: String, nullable: true }) reflectionQuestion!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) postFirst!: boolean | null;
  @ApiProperty({ type: Number, nullable: true }) minWords!: number | null;
  @ApiProperty({ type: Number, nullable: true }) passPercent!: number | null;
  @ApiProperty({ enum: SHOW_ANSWERS, nullable: true }) showAnswers!: ShowAnswers | null;
  @ApiProperty({ type: [QuizQuestionViewDto], nullable: true, description: 'Quizzes: the questions without their key' }) questions!: QuizQuestionView[] | null;
  @ApiProperty({ type: ScriptViewDto, nullable: true, description: 'Scripts: the steps, rendered, and questions' }) script!: ScriptView | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: ItemLinkDto, nullable: true }) previous!: ItemView['previous'];
  @ApiProperty({ type: ItemLinkDto, nullable: true }) next!: ItemView['next'];
  @ApiProperty({ enum: ITEM_STATES }) state!: ItemState;
  @ApiProperty({ description: 'A refresher asks me to do it again' }) redo!: boolean;
  @ApiProperty({ description: 'False for staff previewing a course they are not enrolled in' }) enrolled!: boolean;
}

export class QuizQuestionReviewDto implements QuizQuestionReview {
  @ApiProperty() questionId!: string;
  @ApiProperty() correct!: boolean;
  @ApiProperty({ type: [String] }) chosenOptionIds!: string[];
  @ApiProperty({ type: [String] }) correctOptionIds!: string[];
  @ApiProperty({ type: String, nullable: true }) explanationHtml!: string | null;
}

export class QuizAttemptResultDto implements QuizAttemptResult {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() scorePercent!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty() correctCount!: number;
  @ApiProperty() questionCount!: number;
  @ApiProperty() passPercent!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [QuizQuestionReviewDto], nullable: true, description: 'Per question: right or not (the key only when the quiz shows it); null for earlier attempts listed' }) review!: QuizQuestionReview[] | null;
  @ApiPropertyOptional({ description: 'With a pass: whether the course is now complete' }) courseCompleted?: boolean;
}

export class VersionRecertifyDto {
  @ApiProperty() days!: number;
  @ApiProperty({ description: 'How many items holders redo' }) items!: number;
}

export class CourseVersionSummaryDto implements CourseVersionSummary {
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: VersionRecertifyDto, nullable: true, description: 'Published asking holders to redo what changed' }) recertify!: CourseVersionSummary['recertify'];
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) publishedBy!: UserSummary | null;
}

export class PublishedDto implements Published {
  @ApiProperty() version!: number;
  @ApiProperty() publishedAt!: string;
}

export class ImportResultDto implements ImportResult {
  @ApiProperty({ type: CourseSummaryDto }) course!: CourseSummary;
  @ApiProperty({ description: 'A new course, or a new draft of one already here' }) created!: boolean;
  @ApiProperty() modules!: number;
  @ApiProperty() items!: number;
}

export class NextItemDto implements NonNullable<LearningCourse['next']> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ITEM_TYPES }) type!: ItemType;
}

export class LearningCourseDto implements LearningCourse {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() enrolledAt!: string;
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: NextItemDto, nullable: true, description: 'The first item not done yet' }) next!: LearningCourse['next'];
}

export class MyLearningDto implements MyLearning {
  @ApiProperty({ type: [LearningCourseDto], description: 'In progress first, then completed' }) courses!: LearningCourse[];
}
