export { ProgressModule } from './progress.module';
export { type Completion, ProgressService, type TraineeStanding } from './progress.service';
