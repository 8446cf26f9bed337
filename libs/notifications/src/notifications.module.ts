import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@hearth/courses';
import { IdentityModule } from '@hearth/identity';
import { NotificationEmailOptOutEntity } from './email-opt-out.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsEvents } from './notifications.events';
import { NotificationRepository } from './notification.repository';
import { NotificationsPersonalData } from './notifications.personal-data';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity, NotificationEmailOptOutEntity]), IdentityModule, CoursesModule],
  controllers: [NotificationsController],
  providers: [NotificationRepository, NotificationsPersonalData, NotificationsService, NotificationsEvents],
  exports: [NotificationsService],
})
export class NotificationsModule {}
