import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AttendanceRecord } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { AttendanceRecordDto } from './progress.dto';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('me/attendance')
export class AttendanceController {
  constructor(private readonly progress: ProgressService) {}

  /** My time in live chat sessions, newest first: what counts toward session requirements. */
  @Get()
  @ApiOkResponse({ type: [AttendanceRecordDto] })
  mine(@CurrentUser() caller: AuthUser): Promise<AttendanceRecord[]> {
    return this.progress.attendance(caller.id);
  }
}
