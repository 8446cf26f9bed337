import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type EmailPreferences, type EmailPreferencesRequest, type MarkReadRequest, NOTIFICATION_KINDS, type NotificationKind, type NotificationView, type UnreadCount, type UserSummary } from '@hearth/contracts';
import { UserSummaryDto } from '@hearth/identity';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';

export class MarkReadDto implements MarkReadRequest {
  @ApiPropertyOptional({ type: [String], description: 'Which to mark read; all when absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class EmailPreferencesRequestDto implements EmailPreferencesRequest {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'The kinds not to e-mail (the bell still shows them).' })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `each kind must be one of ${NOTIFICATION_KINDS.join(', ')}` })
  emailOff!: NotificationKind[];

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true, description: 'The kinds gathered into one e-mail a day (07:00 UTC, those still unread); none when absent. Every kind in neither list is e-mailed as it happens.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `each kind must be one of ${NOTIFICATION_KINDS.join(', ')}` })
  daily?: NotificationKind[];
}

/** What the e-mail preferences are, as read and as saved. */
export class EmailPreferencesDto implements EmailPreferences {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Not e-mailed.' })
  emailOff!: NotificationKind[];

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Gathered into one e-mail a day.' })
  daily!: NotificationKind[];
}

export class NotificationViewDto implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) actor!: UserSummary | null;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'A path in the web app' }) link!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) readAt!: string | null;
}

export class UnreadCountDto implements UnreadCount {
  @ApiProperty() unread!: number;
}
