import { NOTIFICATION_KINDS, type NotificationKind } from '@hearth/contracts';
import { Check, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A kind of notification its person does not want by e-mail; it still shows in the bell. No row: e-mailed. */
@Entity()
@Check('notification_email_opt_out_kind_check', `kind IN (${NOTIFICATION_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
export class NotificationEmailOptOutEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'notification_email_opt_out_pkey' })
  @ForeignKey('user', { name: 'notification_email_opt_out_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'notification_email_opt_out_pkey' })
  kind!: NotificationKind;
}
