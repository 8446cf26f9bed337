import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ACTIVITY_LIMITS,
  type ActivityRule,
  type ActivityStanding,
  type AnswerEvidence,
  APPROVAL_MODES,
  type ApprovalMode,
  type BadgeSummary,
  type BadgeVerification,
  type CompletionEvidence,
  type DecisionRequest,
  type Eligibility,
  type FacilitatorRole,
  type Grant,
  GRANT_EVENT_KINDS,
  GRANT_STATUSES,
  type GrantEvent,
  type GrantEventKind,
  type GrantHistory,
  type GrantRequest,
  type GrantRequestKind,
  type GrantSource,
  type GrantStatus,
  type GrantSuspension,
  type ManualGrantRequest,
  MAX_SHADOW_SESSIONS,
  MUTE_MINUTES,
  type MyCredentials,
  PERMISSION_BUNDLES,
  type ProbationRule,
  type PermissionBundle,
  type ReasonRequest,
  REFRESHER_STATUSES,
  type RefresherCause,
  type RefresherStatus,
  type RefresherSummary,
  REQUEST_STATUSES,
  type RequestEvidence,
  type RequestStatus,
  REVIEW_STATUSES,
  ROLE_KEY_PATTERN,
  type RoleChangePreview,
  type RoleDefinitionRequest,
  type RoleEffects,
  type ShadowedSession,
  type SuspendRequest,
  SUSPENSION_CAUSES,
  type SuspensionCause,
  type UnlockRule,
  type UnmetCondition,
  type UserSummary,
} from '@hearth/contracts';
import { UserSummaryDto } from '@hearth/identity';
import { PageQueryDto } from '@hearth/platform';
import { CompletionEvidenceDto } from '@hearth/progress';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UnlockRuleDto implements UnlockRule {
  @ApiProperty({ type: [String], description: 'Courses to complete' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  courseIds!: string[];

  @ApiProperty({ type: [String], description: 'Roles to hold already' })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(ROLE_KEY_PATTERN, { each: true, message: 'Each role key is lower-case words joined by underscores.' })
  roleKeys!: string[];

  @ApiProperty({ enum: APPROVAL_MODES })
  @IsIn(APPROVAL_MODES)
  approval!: ApprovalMode;

  @ApiProperty({ type: Number, nullable: true, description: 'Days a grant lasts; null for no end' })
  @ValidateIf((rule: UnlockRuleDto) => rule.validityDays !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  validityDays!: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MAX_SHADOW_SESSIONS, description: 'Live sessions to co-host first, each led by a holder of this role and confirmed by its leader; null or absent for none' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SHADOW_SESSIONS)
  shadowSessions?: number | null;

  @ApiPropertyOptional({ type: () => ActivityRuleDto, nullable: true, description: 'Minutes holders host in every so many days, or the role is suspended; null or absent for none' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityRuleDto)
  activity?: ActivityRuleDto | null;
}

export class ActivityRuleDto implements ActivityRule {
  @ApiProperty({ minimum: ACTIVITY_LIMITS.minutes.min, maximum: ACTIVITY_LIMITS.minutes.max, description: 'Minutes hosted (sessions led or co-hosted)' })
  @IsInt()
  @Min(ACTIVITY_LIMITS.minutes.min)
  @Max(ACTIVITY_LIMITS.minutes.max)
  minutes!: number;

  @ApiProperty({ minimum: ACTIVITY_LIMITS.days.min, maximum: ACTIVITY_LIMITS.days.max, description: 'In every this many days' })
  @IsInt()
  @Min(ACTIVITY_LIMITS.days.min)
  @Max(ACTIVITY_LIMITS.days.max)
  days!: number;
}

export class ActivityStandingDto implements ActivityStanding {
  @ApiProperty({ description: 'Minutes hosted in the window' }) minutes!: number;
  @ApiProperty() needed!: number;
  @ApiProperty() days!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Warned: suspended from then unless they host enough' }) suspendAt!: string | null;
}

export class ProbationRuleDto implements ProbationRule {
  @ApiProperty({ minimum: 1, maximum: 20, description: 'Co-hosted sessions a mentor confirms before probation ends' })
  @IsInt()
  @Min(1)
  @Max(20)
  sessions!: number;

  @ApiProperty({ minimum: MUTE_MINUTES.min, maximum: MUTE_MINUTES.max, description: 'The longest mute or removal a holder on probation may give' })
  @IsInt()
  @Min(MUTE_MINUTES.min)
  @Max(MUTE_MINUTES.max)
  maxMinutes!: number;
}

export class RoleEffectsDto implements RoleEffects {
  @ApiProperty({ enum: PERMISSION_BUNDLES })
  @IsIn(PERMISSION_BUNDLES)
  bundle!: PermissionBundle;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  roomIds!: string[];

  @ApiProperty({ type: [String], description: 'Rooms with any of these tags' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { each: true, message: 'Each room tag is lower-case words joined by hyphens.' })
  @MaxLength(40, { each: true })
  roomTags!: string[];

  @ApiPropertyOptional({ type: ProbationRuleDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProbationRuleDto)
  probation?: ProbationRuleDto | null;
}

export class RoleDefinitionDto implements RoleDefinitionRequest {
  @ApiProperty({ example: 'moderator' })
  @Matches(ROLE_KEY_PATTERN, { message: 'The key is lower-case words joined by underscores, like session_leader.' })
  @MaxLength(40)
  key!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ type: UnlockRuleDto })
  @ValidateNested()
  @Type(() => UnlockRuleDto)
  rule!: UnlockRuleDto;

  @ApiProperty({ type: RoleEffectsDto })
  @ValidateNested()
  @Type(() => RoleEffectsDto)
  effects!: RoleEffectsDto;
}

export class UpdateRoleDefinitionDto extends PartialType(OmitType(RoleDefinitionDto, ['key'] as const)) {}

export class RequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;
}

export class DecisionDto implements DecisionRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** Revoking, reinstating and granting by hand are always explained. */
export class ReasonDto implements ReasonRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Say why; the reason is kept in the history.' })
  @MaxLength(2000)
  reason!: string;
}

export class ManualGrantDto extends ReasonDto implements ManualGrantRequest {
  @ApiProperty()
  @Matches(ROLE_KEY_PATTERN)
  @MaxLength(40)
  roleKey!: string;

  @ApiPropertyOptional({ description: 'When the grant ends, if sooner than the role’s validity' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt is a date and time (ISO 8601).' })
  expiresAt?: string;
}

export class SuspendDto extends ReasonDto implements SuspendRequest {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Given back by itself at this time; without it, until an admin reinstates it' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until is a date and time (ISO 8601).' })
  until?: string | null;
}

type RoleCourse = FacilitatorRole['courses'][number];
export class RoleCourseDto implements RoleCourse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
}

export class FacilitatorRoleDto implements FacilitatorRole {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Each change to the definition is a new version; grants remember theirs' }) version!: number;
  @ApiProperty({ type: UnlockRuleDto }) rule!: UnlockRule;
  @ApiProperty({ type: RoleEffectsDto }) effects!: RoleEffects;
  @ApiProperty({ type: [RoleCourseDto], description: 'The courses of the rule' }) courses!: FacilitatorRole['courses'];
  @ApiProperty() updatedAt!: string;
}

export class UnmetConditionDto implements UnmetCondition {
  @ApiProperty({ enum: ['course', 'requirement', 'role', 'shadowing', 'manual'] }) kind!: UnmetCondition['kind'];
  @ApiProperty() detail!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Where to do it' }) link!: string | null;
}

export class EligibilityDto implements Eligibility {
  @ApiProperty() roleKey!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty() eligible!: boolean;
  @ApiProperty() held!: boolean;
  @ApiProperty({ description: 'Held, but its powers are held back for now' }) suspended!: boolean;
  @ApiProperty() pending!: boolean;
  @ApiProperty({ type: [UnmetConditionDto] }) unmet!: UnmetCondition[];
}

export class RefresherSummaryDto implements RefresherSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['complaint', 'recertification'] }) cause!: RefresherCause;
  @ApiProperty({ type: String, nullable: true, description: 'A recertification’s deadline' }) dueAt!: string | null;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() courseSlug!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ enum: REFRESHER_STATUSES, description: '`open` until every item is redone' }) status!: RefresherStatus;
  @ApiProperty() assignedAt!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
}

export class GrantSuspensionDto implements GrantSuspension {
  @ApiProperty({ enum: SUSPENSION_CAUSES }) cause!: SuspensionCause;
  @ApiProperty() reason!: string;
  @ApiProperty() since!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null: until an admin reinstates it' }) until!: string | null;
  @ApiProperty({ type: RefresherSummaryDto, nullable: true, description: 'With cause `refresher`: the course to redo' }) refresher!: RefresherSummary | null;
}

export class GrantDto implements Grant {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummary;
  @ApiProperty() roleKey!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty() roleVersion!: number;
  @ApiProperty({ enum: GRANT_STATUSES }) status!: GrantStatus;
  @ApiProperty({ enum: ['auto', 'review', 'manual'] }) source!: GrantSource;
  @ApiProperty() grantedAt!: string;
  @ApiProperty({ type: String, nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: GrantSuspensionDto, nullable: true }) suspension!: GrantSuspension | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The role's badge while the grant stands; null before the holder's address is verified" }) badgeId!: string | null;
  @ApiPropertyOptional({ type: ActivityStandingDto, nullable: true, description: 'For its holder, when the role asks for activity' }) activity?: ActivityStanding | null;
}

export class BadgeSummaryDto implements BadgeSummary {
  @ApiProperty({ format: 'uuid' }) assertionId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() imageUrl!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() revoked!: boolean;
  @ApiProperty({ description: 'Where anyone can fetch the signed credential' }) url!: string;
}

export class MyCredentialsDto implements MyCredentials {
  @ApiProperty({ type: [GrantDto], description: 'Roles held now, suspended ones included' }) roles!: Grant[];
  @ApiProperty({ type: [BadgeSummaryDto] }) badges!: BadgeSummary[];
  @ApiProperty({ type: [EligibilityDto], description: 'Every role not held, with what is missing' }) next!: Eligibility[];
}

export class GrantEventDto implements GrantEvent {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: GRANT_EVENT_KINDS }) kind!: GrantEventKind;
  @ApiProperty({ type: String, nullable: true }) grantId!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty() roleKey!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty() roleVersion!: number;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) actor!: UserSummary | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() at!: string;
}

type EvidenceCompletion = RequestEvidence['completions'][number];
export class EvidenceCompletionDto implements EvidenceCompletion {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() courseSlug!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty() completedAt!: string;
  @ApiProperty({ type: CompletionEvidenceDto }) evidence!: CompletionEvidence;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) signedOffBy!: UserSummary | null;
}

export class AnswerReviewDto implements NonNullable<AnswerEvidence['review']> {
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: NonNullable<AnswerEvidence['review']>['status'];
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) reviewer!: UserSummary | null;
}

export class AnswerEvidenceDto implements AnswerEvidence {
  @ApiProperty({ format: 'uuid' }) replyId!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() itemTitle!: string;
  @ApiProperty() courseSlug!: string;
  @ApiProperty({ description: "The answer's text, shortened" }) excerpt!: string;
  @ApiPropertyOptional({ description: 'The same, rendered and sanitised' }) excerptHtml?: string;
  @ApiProperty() wordCount!: number;
  @ApiProperty({ type: AnswerReviewDto, nullable: true }) review!: AnswerEvidence['review'];
}

type HeldRole = RequestEvidence['rolesHeld'][number];
export class HeldRoleDto implements HeldRole {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
}

export class ShadowedSessionDto implements ShadowedSession {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() roomName!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) leader!: UserSummary | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) confirmedBy!: UserSummary | null;
  @ApiProperty({ description: 'Minutes the co-host was in the session' }) minutes!: number;
  @ApiProperty() confirmedAt!: string;
}

export class RequestEvidenceDto implements RequestEvidence {
  @ApiProperty({ type: [EvidenceCompletionDto] }) completions!: RequestEvidence['completions'];
  @ApiProperty({ type: [AnswerEvidenceDto] }) answers!: AnswerEvidence[];
  @ApiProperty({ type: [HeldRoleDto] }) rolesHeld!: RequestEvidence['rolesHeld'];
  @ApiPropertyOptional({ type: [ShadowedSessionDto], description: 'Sessions co-hosted with a holder of the role (absent in evidence kept before shadowing)' }) shadowing?: ShadowedSession[];
}

export class GrantRequestDto implements GrantRequest {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['grant', 'reinstatement'], description: '`reinstatement`: a refresher was finished and the suspended grant waits' }) kind!: GrantRequestKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantId!: string | null;
  @ApiProperty({ type: RefresherSummaryDto, nullable: true }) refresher!: RefresherSummary | null;
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummary;
  @ApiProperty() roleKey!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty() roleVersion!: number;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) decidedBy!: UserSummary | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: RequestEvidenceDto }) evidence!: RequestEvidence;
}

export class GrantHistoryDto implements GrantHistory {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummary;
  @ApiProperty({ type: [GrantDto] }) grants!: Grant[];
  @ApiProperty({ type: [GrantEventDto] }) events!: GrantEvent[];
  @ApiProperty({ type: [GrantRequestDto] }) pending!: GrantRequest[];
}

export class BadgeVerificationDto implements BadgeVerification {
  @ApiProperty({ format: 'uuid' }) assertionId!: string;
  @ApiProperty({ enum: ['course', 'role'], description: "A course's badge, or a role's (which stands as long as its grant)" }) kind!: 'course' | 'role';
  @ApiProperty({ description: "The signature matches the instance's key and the document is unchanged" }) signatureValid!: boolean;
  @ApiProperty({ description: 'For good: a role badge is revoked when its grant is revoked or expires' }) revoked!: boolean;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
  @ApiProperty({ description: "For now: the role's grant is suspended" }) suspended!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Null while suspended: until an admin reinstates it' }) suspendedUntil!: string | null;
  @ApiProperty({ description: 'Signature valid, neither revoked nor suspended' }) valid!: boolean;
  @ApiProperty() issuer!: string;
  @ApiProperty() verificationMethod!: string;
}

class PreviewGainingDto {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [UserSummaryDto], description: 'The first fifty' }) people!: UserSummary[];
  @ApiProperty({ enum: ['granted', 'requested'] }) how!: 'granted' | 'requested';
}

class PreviewLosingDto {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [UserSummaryDto], description: 'The first fifty' }) people!: UserSummary[];
}

class PreviewPowersChangeDto {
  @ApiProperty() count!: number;
}

export class RoleChangePreviewDto implements RoleChangePreview {
  @ApiProperty() roleKey!: string;
  @ApiProperty({ description: 'The version saving would write' }) version!: number;
  @ApiProperty({ type: PreviewGainingDto, description: 'Who would come to the role (granted at once, or asked for)' }) gaining!: RoleChangePreview['gaining'];
  @ApiProperty({ type: PreviewLosingDto, description: 'Holders who would not meet the new rule; they keep the role until it ends' }) losing!: RoleChangePreview['losing'];
  @ApiProperty({ type: PreviewPowersChangeDto, nullable: true, description: 'Null when the powers do not change' }) powersChange!: RoleChangePreview['powersChange'];
}
