import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  type Appeal,
  type AppealCase,
  APPEAL_STATUSES,
  type AppealDecisionRequest,
  type AppealRequest,
  type AppealStatus,
  BAN_MINUTES,
  type BanRequest,
  CHAT_POWERS,
  type ChatMessage,
  type PracticeInfo,
  type PracticeSessionView,
  type PracticumReview,
  type PracticumReviewRequest,
  type PracticumRubric,
  type ChatPower,
  type ChatReport,
  type ChatRoom,
  type ChatSession,
  type CoHostRequest,
  type CreateRoomRequest,
  type DismissReportRequest,
  type FreezeRequest,
  type JoinRoomRequest,
  type ModerationHistory,
  type ModerationReason,
  MUTE_MINUTES,
  type MuteRequest,
  type PinRequest,
  type PostingClosed,
  type ProbationStanding,
  type RemoveMessageRequest,
  REPORT_STATUSES,
  type ReportRequest,
  type ReportStatus,
  type RoleSuspensionRequest,
  ROLE_KEY_PATTERN,
  ROOM_TAG_PATTERN,
  type RoomLock,
  type RoomMember,
  type Sanction,
  SANCTION_KINDS,
  SANCTION_REASONS,
  type SanctionKind,
  type SanctionReason,
  type SanctionTaken,
  type ScheduleSessionRequest,
  type SendMessageRequest,
  SESSION_KIND_PATTERN,
  type SlowModeRequest,
  SUSPENSION_DAYS,
  type RoleSuspensionTaken,
  type TimedSanctionTaken,
  type UnmetCondition,
  type UpcomingSession,
  type UserSummary,
  type WarnRequest,
  type WelcomeRequest,
} from '@hearth/contracts';
import { UnmetConditionDto } from '@hearth/credentials';
import { UserSummaryDto } from '@hearth/identity';
import { PracticumReviewDto, PracticumRubricDto } from '@hearth/progress';
import { PageQueryDto } from '@hearth/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RoomLockRequestDto implements Partial<RoomLock> {
  @ApiPropertyOptional({ type: [String], description: 'Course ids: holders of these courses’ badges may enter' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  badges?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Facilitator role keys: holders of these roles may enter' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ROLE_KEY_PATTERN, { each: true })
  roles?: string[];
}

export class CreateRoomDto implements CreateRoomRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  topic?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  audienceNote?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(ROOM_TAG_PATTERN, { each: true, message: 'Each tag is lower-case words joined by hyphens.' })
  @MaxLength(40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: RoomLockRequestDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoomLockRequestDto)
  lock?: RoomLockRequestDto | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  readOnly?: boolean;
}

export class UpdateRoomDto extends PartialType(CreateRoomDto) {}

export class ArchiveDto {
  @ApiProperty()
  @IsBoolean()
  archived!: boolean;
}

export class SendMessageDto implements SendMessageRequest {
  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Write something first.' })
  @MaxLength(2000)
  body!: string;

  @ApiPropertyOptional({ description: 'Your own id for the message; a resend with it posts once' })
  @IsOptional()
  @IsUUID()
  clientId?: string;
}

export class SocketMessageDto extends SendMessageDto {
  @IsUUID()
  roomId!: string;
}

export class RoomRefDto {
  @IsUUID()
  roomId!: string;
}

export class JoinRoomDto extends RoomRefDto implements JoinRoomRequest {
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after is the seq of the last message seen.' })
  after?: string;
}

/** Why a moderator acts: a reason from the list, their words, the report it answers. */
export class ReasonedDto implements ModerationReason {
  @ApiProperty({ enum: SANCTION_REASONS })
  @IsIn(SANCTION_REASONS, { message: 'Choose a reason from the list; the person is told it.' })
  reasonCode!: SanctionReason;

  @ApiPropertyOptional({ maxLength: 500, description: 'In your words; required with `other`. Told to the person, never to the room.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'The report this answers: its reporters are told the outcome' })
  @IsOptional()
  @IsUUID()
  reportId?: string;
}

export class WarnDto extends ReasonedDto implements WarnRequest {
  @ApiProperty()
  @IsUUID()
  userId!: string;
}

/** A mute or a removal from the room: the service holds each to its own range (MUTE_MINUTES, BAN_MINUTES, a probation's limit). */
export class TimedStepDto extends WarnDto implements MuteRequest, BanRequest {
  @ApiProperty({ minimum: MUTE_MINUTES.min, maximum: BAN_MINUTES.max, description: `Mutes up to ${MUTE_MINUTES.max}, removals up to ${BAN_MINUTES.max} minutes` })
  @IsInt()
  @Min(MUTE_MINUTES.min)
  @Max(BAN_MINUTES.max)
  minutes!: number;
}

/** Removing someone else's message asks for a reason; one's own, nothing. */
export class RemoveMessageDto implements RemoveMessageRequest {
  @ApiPropertyOptional({ enum: SANCTION_REASONS })
  @IsOptional()
  @IsIn(SANCTION_REASONS, { message: 'Choose a reason from the list; the author is told it.' })
  reasonCode?: SanctionReason;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  reportId?: string;
}

export class RoleSuspensionDto extends WarnDto implements RoleSuspensionRequest {
  @ApiProperty()
  @Matches(ROLE_KEY_PATTERN)
  @MaxLength(40)
  roleKey!: string;

  @ApiPropertyOptional({ minimum: SUSPENSION_DAYS.min, maximum: SUSPENSION_DAYS.max, description: 'How long; leave it out with a refresher' })
  @IsOptional()
  @IsInt()
  @Min(SUSPENSION_DAYS.min)
  @Max(SUSPENSION_DAYS.max)
  days?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Suspended until they redo this published course and an admin reinstates them' })
  @IsOptional()
  @IsUUID()
  refresherCourseId?: string;
}

export class AppealRequestDto implements AppealRequest {
  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Say why the step was wrong, or what the moderator did not know.' })
  @MaxLength(2000)
  body!: string;
}

export class AppealDecisionDto implements AppealDecisionRequest {
  @ApiProperty({ enum: ['confirmed', 'overturned'] })
  @IsIn(['confirmed', 'overturned'], { message: 'outcome is confirmed (the step stands) or overturned (it is lifted).' })
  outcome!: 'confirmed' | 'overturned';

  @ApiProperty({ maxLength: 1000, description: 'Told to the person' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Say why; the person is told.' })
  @MaxLength(1000)
  note!: string;
}

export class AppealsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPEAL_STATUSES })
  @IsOptional()
  @IsIn(APPEAL_STATUSES)
  status?: AppealStatus;
}

export class ReportDto implements ReportRequest {
  @ApiProperty({ enum: SANCTION_REASONS })
  @IsIn(SANCTION_REASONS, { message: 'Choose what is wrong from the list.' })
  reasonCode!: SanctionReason;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class DismissReportDto implements DismissReportRequest {
  @ApiProperty({ maxLength: 500, description: 'Told to the person who reported it' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Say why; the person who reported it is told.' })
  @MaxLength(500)
  note!: string;
}

export class ReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: ReportStatus;
}

export class SlowModeDto implements SlowModeRequest {
  @ApiProperty({ minimum: 0, maximum: 3600 })
  @IsInt()
  @Min(0)
  @Max(3600)
  seconds!: number;
}

export class FreezeDto implements FreezeRequest {
  @ApiProperty()
  @IsBoolean()
  frozen!: boolean;
}

export class PracticeRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  scriptItemId!: string;
}

export class ScheduleSessionDto implements ScheduleSessionRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  topic!: string;

  @ApiPropertyOptional({ example: 'support-session' })
  @IsOptional()
  @Matches(SESSION_KIND_PATTERN, { message: 'A session kind is lower-case words joined by hyphens.' })
  @MaxLength(40)
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  startsAt?: string;

  @ApiPropertyOptional({ description: 'Start it now (session leaders and on-spot hosts)' })
  @IsOptional()
  @IsBoolean()
  startNow?: boolean;

  @ApiPropertyOptional({ type: () => PracticeRefDto, description: 'A practice session, in a room tagged `practice`: the course and the script item its trainee leads it from' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PracticeRefDto)
  practice?: PracticeRefDto;
}

export class PracticumReviewRequestDto implements PracticumReviewRequest {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { opening: 3, pacing: 2 }, description: 'A whole score per criterion key, 0 to its maximum' })
  @IsObject()
  scores!: Record<string, number>;

  @ApiProperty({ description: 'Markdown' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Write the trainee some feedback.' })
  @MaxLength(5000)
  feedback!: string;
}

export class PinDto implements PinRequest {
  @ApiProperty()
  @IsUUID()
  messageId!: string;
}

export class CoHostDto implements CoHostRequest {
  @ApiProperty()
  @IsUUID()
  userId!: string;
}

export class WelcomeDto implements WelcomeRequest {
  @ApiProperty()
  @IsUUID()
  userId!: string;
}

export class RoomLockDto implements RoomLock {
  @ApiProperty({ type: [String], description: 'Course ids: holders of these courses’ badges may enter' }) badges!: string[];
  @ApiProperty({ type: [String], description: 'Facilitator role keys: holders of these roles may enter' }) roles!: string[];
}

export class ProbationStandingDto implements ProbationStanding {
  @ApiProperty({ description: 'The longest mute or removal I may give' }) maxMinutes!: number;
  @ApiProperty({ enum: [false], description: 'Locking the room waits until probation ends' }) mayLockRoom!: false;
  @ApiProperty() confirmed!: number;
  @ApiProperty() needed!: number;
}

export class PostingClosedDto implements PostingClosed {
  @ApiProperty({ enum: ['room-read-only', 'room-frozen', 'muted'] }) code!: PostingClosed['code'];
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true }) until!: string | null;
}

export class ChatMessageDto implements ChatMessage {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ description: "Orders a room's messages; a client resumes after the last one it saw" }) seq!: string;
  @ApiProperty({ enum: ['text', 'system'] }) kind!: ChatMessage['kind'];
  @ApiProperty({ type: UserSummaryDto, nullable: true }) author!: UserSummary | null;
  @ApiProperty({ description: 'Plain text as written' }) body!: string;
  @ApiProperty() bodyHtml!: string;
  @ApiProperty({ type: String, nullable: true }) clientId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() removed!: boolean;
}

export class ChatSessionDto implements ChatSession {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ example: 'support-session', description: 'Which requirement it counts for' }) kind!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) leader!: UserSummary | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) coHost!: UserSummary | null;
  @ApiProperty({ type: String, nullable: true }) scheduledFor!: string | null;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: ChatMessageDto, nullable: true }) pinned!: ChatMessage | null;
  @ApiProperty() coHostConfirmed!: boolean;
  @ApiProperty({ type: () => PracticeInfoDto, nullable: true, description: 'A practice session: its course, script and observing mentor' }) practice!: PracticeInfo | null;
}

export class PracticeInfoDto implements PracticeInfo {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid' }) scriptItemId!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) observer!: UserSummary | null;
  @ApiProperty() reviewed!: boolean;
}

export class PracticeCourseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
}

export class PracticeStepDto {
  @ApiProperty() title!: string;
  @ApiProperty() promptHtml!: string;
}

export class PracticeScriptDto {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() bodyHtml!: string;
  @ApiProperty({ type: [PracticeStepDto] }) steps!: PracticeStepDto[];
  @ApiProperty({ type: [String] }) questions!: string[];
}

export class PracticeSessionViewDto implements PracticeSessionView {
  @ApiProperty({ type: ChatSessionDto }) session!: ChatSession;
  @ApiProperty() roomName!: string;
  @ApiProperty({ type: PracticeCourseDto }) course!: PracticeSessionView['course'];
  @ApiProperty({ type: PracticeScriptDto }) script!: PracticeSessionView['script'];
  @ApiProperty({ type: PracticumRubricDto }) rubric!: PracticumRubric;
  @ApiProperty({ type: PracticumReviewDto, nullable: true }) review!: PracticumReview | null;
  @ApiProperty() leading!: boolean;
  @ApiProperty() observing!: boolean;
  @ApiProperty() canObserve!: boolean;
  @ApiProperty() canReview!: boolean;
}

export class UpcomingSessionDto extends ChatSessionDto implements UpcomingSession {
  @ApiProperty() roomName!: string;
}

export class ChatRoomDto implements ChatRoom {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() audienceNote!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: RoomLockDto, nullable: true }) lock!: RoomLock | null;
  @ApiProperty({ type: [String], description: 'The lock in words: each role or badge that opens the room' }) lockedTo!: string[];
  @ApiProperty() readOnly!: boolean;
  @ApiProperty() slowModeSeconds!: number;
  @ApiProperty({ description: 'Locked by a moderator: only facilitators post' }) frozen!: boolean;
  @ApiProperty() archived!: boolean;
  @ApiProperty() locked!: boolean;
  @ApiProperty() canEnter!: boolean;
  @ApiProperty({ type: [UnmetConditionDto], description: 'For a locked room I cannot enter: what would open it' }) unmet!: UnmetCondition[];
  @ApiProperty({ enum: CHAT_POWERS, isArray: true, description: 'What I may do here now' }) powers!: ChatPower[];
  @ApiProperty({ type: ProbationStandingDto, nullable: true }) probation!: ProbationStanding | null;
  @ApiProperty({ type: ChatSessionDto, nullable: true, description: 'The live session running in the room' }) session!: ChatSession | null;
  @ApiPropertyOptional({ type: PostingClosedDto, nullable: true, description: "In a room's own view: why I cannot post here now, null when I can" }) posting?: PostingClosed | null;
}

export class RoomMemberDto implements RoomMember {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummary;
  @ApiProperty({ type: String, nullable: true, description: "While a moderator's mute lasts" }) mutedUntil!: string | null;
  @ApiProperty({ description: 'Holds a role whose powers cover the room' }) facilitator!: boolean;
}

export class SanctionTakenDto implements SanctionTaken {
  @ApiProperty({ format: 'uuid' }) sanctionId!: string;
}

export class TimedSanctionTakenDto extends SanctionTakenDto implements TimedSanctionTaken {
  @ApiProperty() until!: string;
}

export class RoleSuspensionTakenDto extends SanctionTakenDto implements RoleSuspensionTaken {
  @ApiProperty({ type: String, nullable: true, description: 'Null: until a refresher is redone and an admin reinstates the role' }) until!: string | null;
}

type RoomName = Sanction['room'];
export class RoomNameDto implements RoomName {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class AppealDto implements Appeal {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: APPEAL_STATUSES }) status!: AppealStatus;
  @ApiProperty() body!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) decidedBy!: UserSummary | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote!: string | null;
}

export class SanctionDto implements Sanction {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SANCTION_KINDS }) kind!: SanctionKind;
  @ApiProperty({ type: RoomNameDto }) room!: Sanction['room'];
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummary;
  @ApiProperty({ type: UserSummaryDto, nullable: true, description: 'Null when the acting account is gone' }) actor!: UserSummary | null;
  @ApiProperty({ enum: SANCTION_REASONS }) reasonCode!: SanctionReason;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: Number, nullable: true }) minutes!: number | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When it ends by itself' }) endsAt!: string | null;
  @ApiProperty() inForce!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The removed message's text, for the person and staff" }) messageBody!: string | null;
  @ApiProperty({ type: String, nullable: true }) roleName!: string | null;
  @ApiProperty({ type: String, nullable: true }) liftedAt!: string | null;
  @ApiProperty({ type: AppealDto, nullable: true }) appeal!: Appeal | null;
  @ApiProperty() canAppeal!: boolean;
}

type ModerationRole = ModerationHistory['roles'][number];
export class ModerationRoleDto implements ModerationRole {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
}

export class ModerationHistoryDto implements ModerationHistory {
  @ApiProperty({ type: UserSummaryDto }) user!: UserSummary;
  @ApiProperty({ type: [SanctionDto], description: 'Newest first' }) sanctions!: Sanction[];
  @ApiProperty({ enum: SANCTION_KINDS, description: 'The next step on the ladder, from what counts now' }) nextStep!: SanctionKind;
  @ApiProperty({ description: 'A facilitator of the room (only admins act on them) or an admin' }) facilitator!: boolean;
  @ApiProperty({ type: [ModerationRoleDto], description: 'Their roles held now' }) roles!: ModerationHistory['roles'];
}

export class ChatReportDto implements ChatReport {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: RoomNameDto }) room!: ChatReport['room'];
  @ApiProperty({ type: ChatMessageDto }) message!: ChatMessage;
  @ApiProperty({ type: UserSummaryDto }) reporter!: UserSummary;
  @ApiProperty({ enum: SANCTION_REASONS }) reasonCode!: SanctionReason;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: ReportStatus;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) escalatedAt!: string | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) resolvedBy!: UserSummary | null;
  @ApiProperty({ type: String, nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcomeNote!: string | null;
}

export class AppealCaseDto implements AppealCase {
  @ApiProperty({ type: AppealDto }) appeal!: Appeal;
  @ApiProperty({ type: SanctionDto }) sanction!: Sanction;
}
