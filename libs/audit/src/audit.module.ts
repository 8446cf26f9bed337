import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hearth/identity';
import { AuditController } from './audit.controller';
import { AuditEvents } from './audit.events';
import { AuditEntryEntity } from './audit.entity';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity]), IdentityModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditEvents],
  exports: [AuditService],
})
export class AuditModule {}
