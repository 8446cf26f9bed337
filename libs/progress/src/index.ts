export {
  ApiRequirementProperty,
  AttendanceRecordDto,
  CompletionEvidenceDto,
  CompletionFunnelDto,
  CourseProgressDto,
  PracticumReviewDto,
  PracticumRubricDto,
  REQUIREMENT_DTOS,
  TraineeProgressDto,
} from './progress.dto';
export { ProgressModule } from './progress.module';
export { type Completion, ProgressService, type TraineeStanding } from './progress.service';
