import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_KINDS, type AuditEntry, type AuditKind, type UserSummary } from '@hearth/contracts';
import { UserSummaryDto } from '@hearth/identity';
import { PageQueryDto } from '@hearth/platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Who did it: a user id or username' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'What or whom it concerned: a user id or username, a course id, a role key, a reply id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subject?: string;

  @ApiPropertyOptional({ enum: AUDIT_KINDS })
  @IsOptional()
  @IsIn(AUDIT_KINDS)
  kind?: AuditKind;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true, description: 'Null when Hearth did it by itself' }) actor!: UserSummary | null;
  @ApiProperty({ enum: AUDIT_KINDS }) kind!: AuditKind;
  @ApiProperty({ enum: ['user', 'course', 'role', 'reply', 'badge', 'room'] }) subjectType!: AuditEntry['subjectType'];
  @ApiProperty() subjectId!: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) subjectUser!: UserSummary | null;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}
