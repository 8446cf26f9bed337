export { DiscussionsModule } from './discussions.module';
export { FLAGS_TO_HIDE, ModerationService } from './moderation.service';
export { ThreadsService } from './threads.service';
