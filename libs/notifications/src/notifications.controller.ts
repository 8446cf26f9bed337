import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationView, Page } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageQueryDto } from '@hearth/platform';
import { MarkReadDto } from './notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() caller: AuthUser, @Query() query: PageQueryDto): Promise<Page<NotificationView>> {
    return this.notifications.list(caller, query);
  }

  @Get('unread-count')
  unread(@CurrentUser() caller: AuthUser): Promise<{ unread: number }> {
    return this.notifications.unreadCount(caller);
  }

  @Post('read')
  @HttpCode(200)
  read(@CurrentUser() caller: AuthUser, @Body() dto: MarkReadDto): Promise<{ unread: number }> {
    return this.notifications.markRead(caller, dto.ids);
  }
}
