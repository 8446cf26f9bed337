import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  BAN_MINUTES,
  type BanRequest,
  type CoHostRequest,
  type CreateRoomRequest,
  type FreezeRequest,
  type JoinRoomRequest,
  MUTE_MINUTES,
  type MuteRequest,
  type PinRequest,
  ROLE_KEY_PATTERN,
  ROOM_TAG_PATTERN,
  type RoomLock,
  type ScheduleSessionRequest,
  type SendMessageRequest,
  SESSION_KIND_PATTERN,
  type SlowModeRequest,
  type WelcomeRequest,
} from '@hearth/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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

export class MuteDto implements MuteRequest {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiProperty({ minimum: MUTE_MINUTES.min, maximum: MUTE_MINUTES.max })
  @IsInt()
  @Min(MUTE_MINUTES.min)
  @Max(MUTE_MINUTES.max)
  minutes!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class BanDto implements BanRequest {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiProperty({ minimum: BAN_MINUTES.min, maximum: BAN_MINUTES.max })
  @IsInt()
  @Min(BAN_MINUTES.min)
  @Max(BAN_MINUTES.max)
  minutes!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
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
