import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EmailPreferences, NotificationView, Page } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageQueryDto } from '@hearth/platform';
import { EmailPreferencesDto, EmailPreferencesView, MarkReadDto } from './notification.dto';
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

  @Get('email-preferences')
  @ApiOkResponse({ type: EmailPreferencesView })
  emailPreferences(@CurrentUser() caller: AuthUser): Promise<EmailPreferences> {
    return this.notifications.emailPreferences(caller);
  }

  @Put('email-preferences')
  @ApiOkResponse({ type: EmailPreferencesView, description: 'Saved: the kinds in emailOff are no longer e-mailed, those in daily come once a day.' })
  setEmailPreferences(@CurrentUser() caller: AuthUser, @Body() dto: EmailPreferencesDto): Promise<EmailPreferences> {
    return this.notifications.setEmailPreferences(caller, dto);
  }

  @Post('read')
  @HttpCode(200)
  read(@CurrentUser() caller: AuthUser, @Body() dto: MarkReadDto): Promise<{ unread: number }> {
    return this.notifications.markRead(caller, dto.ids);
  }
}
