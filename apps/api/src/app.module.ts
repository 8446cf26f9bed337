import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@hearth/audit';
import { ChatModule } from '@hearth/chat';
import { CoursesModule } from '@hearth/courses';
import { CredentialsModule } from '@hearth/credentials';
import { DiscussionsModule } from '@hearth/discussions';
import { IdentityModule } from '@hearth/identity';
import { NotificationsModule } from '@hearth/notifications';
import { PlatformModule, type PlatformOptions } from '@hearth/platform';
import { ProgressModule } from '@hearth/progress';

/** One module per bounded context, in the order they depend on each other. */
export const CONTEXT_MODULES = [IdentityModule, ProgressModule, CoursesModule, DiscussionsModule, NotificationsModule, CredentialsModule, ChatModule, AuditModule];

/** The composition root: the platform plus every context. */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(options), ...CONTEXT_MODULES],
    };
  }
}
