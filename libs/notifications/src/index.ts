export { Mailer } from './mailer';
export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
