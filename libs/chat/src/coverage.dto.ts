import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type ChatShift, type CoverageWeek, type CreateShiftRequest, type DayCoverage, type HostCall, ISO_WEEK_PATTERN, type RoomCoverage, type UserSummary } from '@hearth/contracts';
import { UserSummaryDto } from '@hearth/identity';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

export class WeekQueryDto {
  @ApiPropertyOptional({ example: '2026-W49', description: 'An ISO week (Monday 00:00 UTC on); this week when left out' })
  @IsOptional()
  @Matches(ISO_WEEK_PATTERN, { message: 'A week is written like 2026-W49.' })
  week?: string;
}

export class ShiftsQueryDto extends WeekQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this room’s shifts' })
  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class CreateShiftDto implements CreateShiftRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose shift (admins); one’s own when left out' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiProperty({ example: '2026-12-07T09:00:00Z' })
  @IsISO8601()
  startsAt!: string;

  @ApiProperty({ example: '2026-12-07T17:00:00Z' })
  @IsISO8601()
  endsAt!: string;
}

class RoomRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ChatShiftDto implements ChatShift {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: RoomRefDto }) room!: { id: string; name: string };
  @ApiProperty({ type: UserSummaryDto }) person!: UserSummary;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) createdBy!: UserSummary | null;
}

class DayCoverageDto implements DayCoverage {
  @ApiProperty({ example: '2026-12-07' }) date!: string;
  @ApiProperty({ type: [Boolean], description: 'The 24 hours of the day (UTC), from 00:00: covered or not' }) covered!: boolean[];
}

class RoomCoverageDto implements RoomCoverage {
  @ApiProperty({ type: RoomRefDto }) room!: { id: string; name: string };
  @ApiProperty() uncoveredHours!: number;
  @ApiProperty({ type: [DayCoverageDto] }) days!: DayCoverage[];
}

export class CoverageWeekDto implements CoverageWeek {
  @ApiProperty({ example: '2026-W49' }) week!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [RoomCoverageDto] }) rooms!: RoomCoverage[];
}

export class HostCallDto implements HostCall {
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty() askedAt!: string;
  @ApiProperty({ description: 'How many on-spot hosts were told' }) hostsAsked!: number;
  @ApiProperty({ description: 'When the room may ask again' }) nextAskAt!: string;
}
