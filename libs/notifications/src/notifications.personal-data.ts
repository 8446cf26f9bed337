import { Injectable } from '@nestjs/common';
import { Database, HoldsPersonalData, type PersonalDataHolder } from '@hearth/platform';
import { NotificationsService } from './notifications.service';

/**
 * What the person was told, and what they asked not to be e-mailed. Gone in a deletion
 * (after the roles and content, whose changes notify): notifications that name them as
 * the one who acted stay with their readers and show “Former member”.
 */
@Injectable()
@HoldsPersonalData()
export class NotificationsPersonalData implements PersonalDataHolder {
  readonly section = 'notifications';
  readonly stage = 'notices' as const;

  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  async export(userId: string): Promise<Record<string, unknown>> {
    const { emailOff, daily } = await this.notifications.emailPreferencesOf(userId);
    return { notifications: await this.notifications.everyOne(userId), emailOff, emailDaily: daily };
  }

  async erase(userId: string): Promise<void> {
    await this.db.execute('DELETE FROM notification WHERE user_id = $1', [userId]);
    await this.db.execute('DELETE FROM notification_email_opt_out WHERE user_id = $1', [userId]);
  }
}
