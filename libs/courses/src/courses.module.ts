import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hearth/identity';
import { ProgressModule } from '@hearth/progress';
import { AuthoringService } from './authoring.service';
import { CourseAccess } from './course-access';
import { CourseEntity, CourseStaffEntity } from './course.entity';
import { CourseRepository } from './course.repository';
import { CoursesController, MyLearningController } from './courses.controller';
import { CoursesPersonalData } from './courses.personal-data';
import { CoursesService } from './courses.service';
import { CourseModuleEntity, ItemEntity } from './draft.entity';
import { DraftRepository } from './draft.repository';
import { EnrollmentEntity, QuizAttemptEntity } from './enrollment.entity';
import { EnrollmentRepository } from './enrollment.repository';
import { FoldersService } from './folders.service';
import { ItemsController, ModulesController } from './items.controller';
import { LearningService } from './learning.service';
import { PublishingService } from './publishing.service';
import { CourseVersionEntity, PublishedItemEntity, PublishedModuleEntity } from './version.entity';
import { VersionRepository } from './version.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      CourseEntity,
      CourseStaffEntity,
      CourseModuleEntity,
      ItemEntity,
      CourseVersionEntity,
      PublishedModuleEntity,
      PublishedItemEntity,
      EnrollmentEntity,
      QuizAttemptEntity,
    ]),
    IdentityModule,
    ProgressModule,
  ],
  controllers: [CoursesController, MyLearningController, ModulesController, ItemsController],
  providers: [
    AuthoringService,
    CourseAccess,
    CourseRepository,
    CoursesPersonalData,
    CoursesService,
    DraftRepository,
    EnrollmentRepository,
    FoldersService,
    LearningService,
    PublishingService,
    VersionRepository,
  ],
  exports: [CoursesService, AuthoringService, PublishingService, LearningService, FoldersService],
})
export class CoursesModule {}
