import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hearth/identity';
import { CoursePlanEntity, EnrollmentProgressEntity, ItemProgressEntity, ItemRedoEntity, MentorSignoffEntity, PracticumReviewEntity, RefresherProgressEntity, SessionAttendanceEntity } from './progress.entity';
import { AttendanceController } from './progress.controller';
import { ProgressEvents } from './progress.events';
import { ProgressRepository } from './progress.repository';
import { ProgressPersonalData } from './progress.personal-data';
import { ProgressService } from './progress.service';
import { RefresherRepository } from './refresher.repository';
import { Refreshers } from './refreshers';

@Module({
  imports: [TypeOrmModule.forFeature([ItemProgressEntity, CoursePlanEntity, EnrollmentProgressEntity, MentorSignoffEntity, SessionAttendanceEntity, PracticumReviewEntity, RefresherProgressEntity, ItemRedoEntity]), IdentityModule],
  controllers: [AttendanceController],
  providers: [ProgressPersonalData, ProgressRepository, ProgressService, ProgressEvents, RefresherRepository, Refreshers],
  exports: [ProgressService],
})
export class ProgressModule {}
