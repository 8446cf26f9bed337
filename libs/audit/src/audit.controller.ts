import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AUDIT_KINDS, type AuditEntry, type AuditKind, type Page } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { PageQueryDto } from '@hearth/platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditService } from './audit.service';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Who did it: a user id or username' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'What or whom it concerned: a user id or username, a course id, a role key, a reply id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subject?: string;

  @ApiPropertyOptional({ enum: AUDIT_KINDS })
  @IsOptional()
  @IsIn(AUDIT_KINDS)
  kind?: AuditKind;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@CurrentUser() caller: AuthUser, @Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(caller, query);
  }
}
