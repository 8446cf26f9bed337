import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DraftItem, DraftModule, ItemView, QuizAttemptResult } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { UuidParam } from '@hearth/platform';
import { AuthoringService } from './authoring.service';
import { CreateItemDto, QuizAttemptDto, UpdateItemDto, UpdateModuleDto } from './courses.dto';
import { LearningService } from './learning.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('modules')
export class ModulesController {
  constructor(private readonly authoring: AuthoringService) {}

  @Patch(':id')
  update(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateModuleDto): Promise<DraftModule> {
    return this.authoring.updateModule(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.authoring.removeModule(caller, id);
  }

  @Post(':id/items')
  addItem(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: CreateItemDto): Promise<DraftItem> {
    return this.authoring.addItem(caller, id, dto);
  }
}

@ApiTags('courses')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(
    private readonly authoring: AuthoringService,
    private readonly learning: LearningService,
  ) {}

  /** The published item, for enrolled trainees and staff; quiz questions without their key. */
  @Get(':id')
  read(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ItemView> {
    return this.learning.read(caller, id);
  }

  @Get(':id/draft')
  draft(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<DraftItem> {
    return this.authoring.draftItem(caller, id);
  }

  @Patch(':id')
  update(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateItemDto): Promise<DraftItem> {
    return this.authoring.updateItem(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.authoring.removeItem(caller, id);
  }

  @Post(':id/view')
  @HttpCode(204)
  view(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.learning.markViewed(caller, id);
  }

  @Post(':id/attempts')
  attempt(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: QuizAttemptDto): Promise<QuizAttemptResult> {
    return this.learning.attempt(caller, id, dto);
  }

  @Get(':id/attempts')
  attempts(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<QuizAttemptResult[]> {
    return this.learning.attempts(caller, id);
  }
}
