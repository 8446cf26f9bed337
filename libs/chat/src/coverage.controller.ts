import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChatShift, CoverageWeek, HostCall } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { UuidParam } from '@hearth/platform';
import { ChatShiftDto, CoverageWeekDto, CreateShiftDto, HostCallDto, ShiftsQueryDto, WeekQueryDto } from './coverage.dto';
import { CoverageService } from './coverage.service';

/** The rota of shifts, the week's uncovered hours, and a room asking for a host. */
@ApiTags('chat')
@ApiBearerAuth()
@Controller('chat')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  /** Each room (admins: all; facilitators: theirs), hour by hour through an ISO week: covered by a shift or a session, or not. */
  @Get('coverage')
  @ApiOkResponse({ type: CoverageWeekDto })
  week(@CurrentUser() caller: AuthUser, @Query() query: WeekQueryDto): Promise<CoverageWeek> {
    return this.coverage.week(caller, query.week);
  }

  /** The week's shifts, earliest first. */
  @Get('shifts')
  @ApiOkResponse({ type: [ChatShiftDto] })
  shifts(@CurrentUser() caller: AuthUser, @Query() query: ShiftsQueryDto): Promise<ChatShift[]> {
    return this.coverage.shifts(caller, query);
  }

  @Post('rooms/:id/shifts')
  @ApiCreatedResponse({ type: ChatShiftDto })
  createShift(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: CreateShiftDto): Promise<ChatShift> {
    return this.coverage.createShift(caller, id, dto);
  }

  @Delete('shifts/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Taken off the rota.' })
  removeShift(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.coverage.removeShift(caller, id);
  }

  /** People are here and no facilitator is: the on-spot hosts online who cover the room are told (once per room in 15 minutes). */
  @Post('rooms/:id/host-calls')
  @ApiCreatedResponse({ type: HostCallDto })
  askForHost(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<HostCall> {
    return this.coverage.askForHost(caller, id);
  }
}
