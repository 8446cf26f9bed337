export { AuthoringService } from './authoring.service';
export { CoursesModule } from './courses.module';
export { type CourseBrief, CoursesService } from './courses.service';
export { FoldersService } from './folders.service';
export { type DiscussionAccess, LearningService, type PracticumContext } from './learning.service';
export { PublishingService } from './publishing.service';
