import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hearth/identity';
import { Mailer } from './mailer';
import { NotificationEntity } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationRepository } from './notification.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity]), IdentityModule],
  controllers: [NotificationsController],
  providers: [Mailer, NotificationRepository, NotificationsService],
  exports: [NotificationsService, Mailer],
})
export class NotificationsModule {}
