import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EmailPreferences, NotificationView, Page, UnreadCount } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageDto, PageQueryDto } from '@hearth/platform';
import { EmailPreferencesDto, EmailPreferencesRequestDto, MarkReadDto, NotificationViewDto, UnreadCountDto } from './notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: PageDto(NotificationViewDto) })
  list(@CurrentUser() caller: AuthUser, @Query() query: PageQueryDto): Promise<Page<NotificationView>> {
    return this.notifications.list(caller, query);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  unread(@CurrentUser() caller: AuthUser): Promise<UnreadCount> {
    return this.notifications.unreadCount(caller);
  }

  @Get('email-preferences')
  @ApiOkResponse({ type: EmailPreferencesDto })
  emailPreferences(@CurrentUser() caller: AuthUser): Promise<EmailPreferences> {
    return this.notifications.emailPreferences(caller);
  }

  @Put('email-preferences')
  @ApiOkResponse({ type: EmailPreferencesDto, description: 'Saved: the kinds in emailOff are no longer e-mailed, those in daily come once a day.' })
  setEmailPreferences(@CurrentUser() caller: AuthUser, @Body() dto: EmailPreferencesRequestDto): Promise<EmailPreferences> {
    return this.notifications.setEmailPreferences(caller, dto);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadCountDto, description: 'Marked read; how many are still unread.' })
  read(@CurrentUser() caller: AuthUser, @Body() dto: MarkReadDto): Promise<UnreadCount> {
    return this.notifications.markRead(caller, dto.ids);
  }
}
