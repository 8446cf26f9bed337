import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AppealCase, ChatReport, Page, Sanction } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageDto, UuidParam } from '@hearth/platform';
import { AppealsService } from './appeals.service';
import { AppealCaseDto, AppealDecisionDto, AppealRequestDto, AppealsQueryDto, ChatReportDto, DismissReportDto, ReportDto, ReportsQueryDto, SanctionDto } from './chat.dto';
import { ReportsService } from './reports.service';

/** Sanctions as their person sees them, and the appeal against one. */
@ApiTags('chat')
@ApiBearerAuth()
@Controller('chat/sanctions')
export class SanctionsController {
  constructor(private readonly appeals: AppealsService) {}

  /** My moderation record, newest first. */
  @Get('mine')
  @ApiOkResponse({ type: [SanctionDto] })
  mine(@CurrentUser() caller: AuthUser): Promise<Sanction[]> {
    return this.appeals.mine(caller);
  }

  /** One step: for the person it names, the room's moderators and admins. */
  @Get(':id')
  @ApiOkResponse({ type: SanctionDto })
  one(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<Sanction> {
    return this.appeals.one(caller, id);
  }

  /** Ask an admin to look again (once, within 14 days). */
  @Post(':id/appeal')
  @ApiCreatedResponse({ type: SanctionDto, description: 'Appealed: the sanction with its appeal, pending.' })
  appeal(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: AppealRequestDto): Promise<Sanction> {
    return this.appeals.appeal(caller, id, dto.body);
  }
}

/** Reports on messages: anyone who reads a message reports it; the room's moderators work the queue. */
@ApiTags('chat')
@ApiBearerAuth()
@Controller('chat')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post('messages/:id/reports')
  @ApiCreatedResponse({ type: ChatReportDto })
  report(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: ReportDto): Promise<ChatReport> {
    return this.reports.report(caller, id, dto);
  }

  /** The room's report queue (open by default), oldest first. */
  @Get('rooms/:id/reports')
  @ApiOkResponse({ type: PageDto(ChatReportDto) })
  queue(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Query() query: ReportsQueryDto): Promise<Page<ChatReport>> {
    return this.reports.queue(caller, id, query);
  }

  /** Nothing to act on: closed, its reporters told why. */
  @Post('reports/:id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ type: ChatReportDto })
  dismiss(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: DismissReportDto): Promise<ChatReport> {
    return this.reports.dismiss(caller, id, dto.note);
  }
}

/** Admins decide appeals. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/chat/appeals')
export class AdminAppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Get()
  @ApiOkResponse({ type: PageDto(AppealCaseDto) })
  queue(@CurrentUser() caller: AuthUser, @Query() query: AppealsQueryDto): Promise<Page<AppealCase>> {
    return this.appeals.queue(caller, query);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: AppealCaseDto })
  decide(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: AppealDecisionDto): Promise<AppealCase> {
    return this.appeals.decide(caller, id, dto.outcome, dto.note);
  }
}
