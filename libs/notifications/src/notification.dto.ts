import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type EmailPreferences, type MarkReadRequest, NOTIFICATION_KINDS, type NotificationKind } from '@hearth/contracts';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';

export class MarkReadDto implements MarkReadRequest {
  @ApiPropertyOptional({ type: [String], description: 'Which to mark read; all when absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class EmailPreferencesDto implements EmailPreferences {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'The kinds not to e-mail (the bell still shows them); every other kind is e-mailed.' })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true, message: `each kind must be one of ${NOTIFICATION_KINDS.join(', ')}` })
  emailOff!: NotificationKind[];
}
