export { ProgressModule } from './progress.module';
export { ProgressService } from './progress.service';
