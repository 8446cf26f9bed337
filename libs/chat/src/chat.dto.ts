import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  APPEAL_STATUSES,
  type AppealDecisionRequest,
  type AppealRequest,
  type AppealStatus,
  BAN_MINUTES,
  type BanRequest,
  type CoHostRequest,
  type CreateRoomRequest,
  type DismissReportRequest,
  type FreezeRequest,
  type JoinRoomRequest,
  type ModerationReason,
  MUTE_MINUTES,
  type MuteRequest,
  type PinRequest,
  type RemoveMessageRequest,
  REPORT_STATUSES,
  type ReportRequest,
  type ReportStatus,
  type RoleSuspensionRequest,
  ROLE_KEY_PATTERN,
  ROOM_TAG_PATTERN,
  type RoomLock,
  SANCTION_REASONS,
  type SanctionReason,
  type ScheduleSessionRequest,
  type SendMessageRequest,
  SESSION_KIND_PATTERN,
  type SlowModeRequest,
  SUSPENSION_DAYS,
  type WarnRequest,
  type WelcomeRequest,
} from '@hearth/contracts';
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

export class RoomLockDto implements Partial<RoomLock> {
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

  @ApiPropertyOptional({ type: RoomLockDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoomLockDto)
  lock?: RoomLockDto | null;

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

  @ApiProperty({ minimum: SUSPENSION_DAYS.min, maximum: SUSPENSION_DAYS.max })
  @IsInt()
  @Min(SUSPENSION_DAYS.min)
  @Max(SUSPENSION_DAYS.max)
  days!: number;
}

export class AppealDto implements AppealRequest {
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
