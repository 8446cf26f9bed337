import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DraftItem, DraftModule, ItemView, QuizAttemptResult } from '@hearth/contracts';
import { type AuthUser, CurrentUser } from '@hearth/identity';
import { UuidParam } from '@hearth/platform';
import { AuthoringService } from './authoring.service';
import { CreateItemDto, DraftItemDto, DraftModuleDto, ItemViewDto, QuizAttemptDto, QuizAttemptResultDto, UpdateItemDto, UpdateModuleDto } from './courses.dto';
import { LearningService } from './learning.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('modules')
export class ModulesController {
  constructor(private readonly authoring: AuthoringService) {}

  @Patch(':id')
  @ApiOkResponse({ type: DraftModuleDto })
  update(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateModuleDto): Promise<DraftModule> {
    return this.authoring.updateModule(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed from the draft (a module with items in it is refused: move or remove them first).' })
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.authoring.removeModule(caller, id);
  }

  @Post(':id/items')
  @ApiCreatedResponse({ type: DraftItemDto })
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
  @ApiOkResponse({ type: ItemViewDto })
  read(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<ItemView> {
    return this.learning.read(caller, id);
  }

  @Get(':id/draft')
  @ApiOkResponse({ type: DraftItemDto })
  draft(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<DraftItem> {
    return this.authoring.draftItem(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: DraftItemDto })
  update(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateItemDto): Promise<DraftItem> {
    return this.authoring.updateItem(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed from the draft.' })
  remove(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.authoring.removeItem(caller, id);
  }

  @Post(':id/view')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The lesson counts as read.' })
  view(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.learning.markViewed(caller, id);
  }

  @Post(':id/attempts')
  @ApiCreatedResponse({ type: QuizAttemptResultDto })
  attempt(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string, @Body() dto: QuizAttemptDto): Promise<QuizAttemptResult> {
    return this.learning.attempt(caller, id, dto);
  }

  @Get(':id/attempts')
  @ApiOkResponse({ type: [QuizAttemptResultDto] })
  attempts(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<QuizAttemptResult[]> {
    return this.learning.attempts(caller, id);
  }
}
