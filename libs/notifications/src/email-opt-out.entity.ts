import { NOTIFICATION_KINDS, type NotificationKind } from '@hearth/contracts';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A kind of notification its person wants by e-mail otherwise than one by one: not at all
 * (`off`), or gathered in a daily e-mail (`daily`). It still shows in the bell. No row:
 * each one is e-mailed as it happens.
 */
@Entity()
@Check('notification_email_opt_out_delivery_check', `delivery IN ('off', 'daily')`)
@Check('notification_email_opt_out_kind_check', `kind IN (${NOTIFICATION_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
export class NotificationEmailOptOutEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'notification_email_opt_out_pkey' })
  @ForeignKey('user', { name: 'notification_email_opt_out_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'notification_email_opt_out_pkey' })
  kind!: NotificationKind;

  @Column({ type: 'text', default: 'off' })
  delivery!: EmailDelivery;
}

export type EmailDelivery = 'off' | 'daily';
