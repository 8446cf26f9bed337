import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, Page } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageDto } from '@hearth/platform';
import { AuditEntryDto, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: PageDto(AuditEntryDto) })
  list(@CurrentUser() caller: AuthUser, @Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(caller, query);
  }
}
