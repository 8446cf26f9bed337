import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  type AttendanceRecord,
  type CompletionEvidence,
  type CompletionFunnel,
  type CompletionRequirement,
  type CourseProgress,
  type CriterionScore,
  ITEM_STATES,
  ITEM_TYPES,
  type ItemState,
  type ItemType,
  type PracticumReview,
  type PracticumRubric,
  type RefresherCause,
  type RefresherProgress,
  REQUIREMENT_KINDS,
  type RequirementKind,
  type RequirementStatus,
  type RubricCriterion,
  type TraineeProgress,
  type UserSummary,
} from '@hearth/contracts';
import { UserSummaryDto } from '@hearth/identity';

type RequirementOf<K extends RequirementKind> = Extract<CompletionRequirement, { kind: K }>;

export class LessonsViewedRequirementDto implements RequirementOf<'lessons_viewed'> {
  @ApiProperty({ enum: ['lessons_viewed'] }) kind!: 'lessons_viewed';
}

export class DiscussionsAnsweredRequirementDto implements RequirementOf<'discussions_answered'> {
  @ApiProperty({ enum: ['discussions_answered'] }) kind!: 'discussions_answered';
  @ApiPropertyOptional({ description: 'Of the discussions; every one when absent' }) atLeast?: number;
}

export class AnswersAcceptedRequirementDto implements RequirementOf<'answers_accepted'> {
  @ApiProperty({ enum: ['answers_accepted'] }) kind!: 'answers_accepted';
  @ApiPropertyOptional({ description: 'Of the discussions; every one when absent' }) atLeast?: number;
}

export class QuizzesPassedRequirementDto implements RequirementOf<'quizzes_passed'> {
  @ApiProperty({ enum: ['quizzes_passed'] }) kind!: 'quizzes_passed';
}

export class SessionsAttendedRequirementDto implements RequirementOf<'sessions_attended'> {
  @ApiProperty({ enum: ['sessions_attended'] }) kind!: 'sessions_attended';
  @ApiProperty({ example: 'support-session' }) sessionKind!: string;
  @ApiProperty() atLeast!: number;
  @ApiProperty({ description: 'Attended for at least this long, each' }) minutes!: number;
}

export class MentorSignoffRequirementDto implements RequirementOf<'mentor_signoff'> {
  @ApiProperty({ enum: ['mentor_signoff'] }) kind!: 'mentor_signoff';
}

export class RubricCriterionDto implements RubricCriterion {
  @ApiProperty({ example: 'opening', description: 'Lower-case words joined by hyphens, unique in the rubric' }) key!: string;
  @ApiProperty() label!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ minimum: 1, maximum: 100 }) maxScore!: number;
}

export class PracticumRubricDto implements PracticumRubric {
  @ApiProperty({ type: [RubricCriterionDto] }) criteria!: RubricCriterion[];
  @ApiProperty({ description: 'The total a passing session needs' }) passScore!: number;
}

export class PracticumRequirementDto implements RequirementOf<'practicum'> {
  @ApiProperty({ enum: ['practicum'] }) kind!: 'practicum';
  @ApiProperty({ description: 'Practice sessions led and passed' }) atLeast!: number;
  @ApiProperty({ type: PracticumRubricDto }) rubric!: PracticumRubric;
}

export class CriterionScoreDto implements CriterionScore {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty() score!: number;
  @ApiProperty() maxScore!: number;
}

export class PracticumReviewDto implements PracticumReview {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) scriptItemId!: string;
  @ApiProperty() scriptTitle!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) mentor!: UserSummary | null;
  @ApiProperty({ type: [CriterionScoreDto] }) scores!: CriterionScore[];
  @ApiProperty() total!: number;
  @ApiProperty() passScore!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: 'Markdown' }) feedback!: string;
  @ApiProperty() feedbackHtml!: string;
  @ApiProperty() reviewedAt!: string;
}

/** One class per kind of CompletionRequirement: a controller whose routes carry one registers them with `@ApiExtraModels(...REQUIREMENT_DTOS)`. */
export const REQUIREMENT_DTOS = [LessonsViewedRequirementDto, DiscussionsAnsweredRequirementDto, AnswersAcceptedRequirementDto, QuizzesPassedRequirementDto, SessionsAttendedRequirementDto, MentorSignoffRequirementDto, PracticumRequirementDto];

/** A CompletionRequirement (or, with `isArray`, a list of them): one of REQUIREMENT_DTOS by its `kind`. */
export function ApiRequirementProperty(options: { isArray?: boolean; description?: string } = {}): PropertyDecorator {
  return ApiProperty({ oneOf: REQUIREMENT_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })), ...options });
}

type ItemProgress = CourseProgress['items'][number];
export class ItemProgressDto implements ItemProgress {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ enum: ITEM_STATES }) state!: ItemState;
}

type MissingItem = RequirementStatus['missing'][number];
export class MissingItemDto implements MissingItem {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ITEM_TYPES }) type!: ItemType;
}

export class RequirementStatusDto implements RequirementStatus {
  @ApiProperty({ enum: REQUIREMENT_KINDS }) kind!: RequirementKind;
  @ApiRequirementProperty({ description: 'As the authors set it' }) requirement!: CompletionRequirement;
  @ApiProperty() met!: boolean;
  @ApiProperty({ example: '3 of 4 lessons opened' }) detail!: string;
  @ApiProperty() done!: number;
  @ApiProperty() needed!: number;
  @ApiProperty({ type: [MissingItemDto], description: 'Items still to do, in reading order' }) missing!: RequirementStatus['missing'];
  @ApiProperty({ type: String, nullable: true, description: 'Where to do it: an item of the course, the chat, or nothing' }) link!: string | null;
}

export class SignedOffDto implements NonNullable<CourseProgress['signedOff']> {
  @ApiProperty({ type: UserSummaryDto, nullable: true }) by!: UserSummary | null;
  @ApiProperty() at!: string;
}

type RefresherItem = RefresherProgress['items'][number];
export class RefresherItemDto implements RefresherItem {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ITEM_TYPES }) type!: ItemType;
  @ApiProperty({ description: 'Redone since the refresher was asked for' }) done!: boolean;
}

export class RefresherProgressDto implements RefresherProgress {
  @ApiProperty({ format: 'uuid' }) refresherId!: string;
  @ApiProperty({ enum: ['complaint', 'recertification'] }) cause!: RefresherCause;
  @ApiProperty({ description: 'What is done from this moment on counts' }) assignedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'A recertification’s deadline' }) dueAt!: string | null;
  @ApiProperty({ type: [RefresherItemDto] }) items!: RefresherItem[];
}

export class CourseProgressDto implements CourseProgress {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ description: 'The version whose requirements apply' }) version!: number;
  @ApiProperty() completed!: boolean;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: [ItemProgressDto] }) items!: CourseProgress['items'];
  @ApiProperty({ type: [RequirementStatusDto] }) requirements!: RequirementStatus[];
  @ApiProperty({ type: SignedOffDto, nullable: true }) signedOff!: CourseProgress['signedOff'];
  @ApiProperty({ type: RefresherProgressDto, nullable: true, description: 'A refresher asked of me in this course, until it is done' }) refresher!: RefresherProgress | null;
  @ApiProperty({ type: [PracticumReviewDto], description: 'Mentors’ reviews of the practice sessions I led, newest first' }) practicumReviews!: PracticumReview[];
}

export class TraineeProgressDto implements TraineeProgress {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummary;
  @ApiProperty() enrolledAt!: string;
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) signedOffAt!: string | null;
}

type FunnelStep = CompletionFunnel['steps'][number];
export class FunnelStepDto implements FunnelStep {
  @ApiProperty() label!: string;
  @ApiProperty() count!: number;
}

export class CompletionFunnelDto implements CompletionFunnel {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ type: Number, nullable: true }) version!: number | null;
  @ApiProperty({ type: [FunnelStepDto] }) steps!: CompletionFunnel['steps'];
}

export class AttendanceRecordDto implements AttendanceRecord {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ description: "The session's topic and room" }) title!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() attendedAt!: string;
}

type EvidenceItem = CompletionEvidence['items'][number];
export class EvidenceItemDto implements EvidenceItem {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ITEM_TYPES }) type!: ItemType;
  @ApiProperty({ type: String, nullable: true }) viewedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Discussions: the answer that counted' }) replyId!: string | null;
  @ApiProperty({ type: String, nullable: true }) answeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Quizzes: the passing attempt' }) attemptId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) scorePercent!: number | null;
  @ApiProperty({ type: String, nullable: true }) passedAt!: string | null;
}

type EvidenceSession = CompletionEvidence['sessions'][number];
export class EvidenceSessionDto implements EvidenceSession {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() attendedAt!: string;
}

export class EvidenceSignoffDto implements NonNullable<CompletionEvidence['signoff']> {
  @ApiProperty({ type: String, nullable: true }) mentorId!: string | null;
  @ApiProperty() at!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

type EvidencePracticum = NonNullable<CompletionEvidence['practicum']>[number];
export class EvidencePracticumDto implements EvidencePracticum {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) scriptItemId!: string;
  @ApiProperty({ format: 'uuid' }) mentorId!: string;
  @ApiProperty() total!: number;
  @ApiProperty() reviewedAt!: string;
}

export class CompletionEvidenceDto implements CompletionEvidence {
  @ApiProperty() version!: number;
  @ApiRequirementProperty({ isArray: true, description: 'The requirements that were met' }) requirements!: CompletionRequirement[];
  @ApiProperty({ type: [EvidenceItemDto] }) items!: CompletionEvidence['items'];
  @ApiProperty({ type: [EvidenceSessionDto] }) sessions!: CompletionEvidence['sessions'];
  @ApiProperty({ type: EvidenceSignoffDto, nullable: true }) signoff!: CompletionEvidence['signoff'];
  @ApiPropertyOptional({ type: [EvidencePracticumDto], description: 'The passing practicum reviews that counted (absent before Hearth had practicums)' })
  practicum?: CompletionEvidence['practicum'];
}
