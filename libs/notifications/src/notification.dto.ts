import { ApiPropertyOptional } from '@nestjs/swagger';
import type { MarkReadRequest } from '@hearth/contracts';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

export class MarkReadDto implements MarkReadRequest {
  @ApiPropertyOptional({ type: [String], description: 'Which to mark read; all when absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids?: string[];
}
