import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  CompletionFunnel,
  MyLearning,
  CourseDraft,
  CourseOutline,
  CourseStaffMember,
  CourseSummary,
  CourseVersionSummary,
  DraftModule,
  Enrollment,
  ImportResult,
  CourseProgress,
  Page,
  RequirementsRequest,
  TraineeProgress,
  UserSummary,
} from '@hearth/contracts';
import { type AuthUser, CurrentUser, OptionalUser, UserSummaryDto } from '@hearth/identity';
import { OptionalAuth, PageDto, PageQueryDto, UuidParam } from '@hearth/platform';
import { CompletionFunnelDto, CourseProgressDto, REQUIREMENT_DTOS, TraineeProgressDto } from '@hearth/progress';
import { AuthoringService } from './authoring.service';
import {
  AddStaffDto,
  CatalogQueryDto,
  CourseDraftDto,
  CourseOutlineDto,
  CourseStaffMemberDto,
  CourseSummaryDto,
  CourseVersionSummaryDto,
  CreateCourseDto,
  CreateModuleDto,
  DraftModuleDto,
  EnrollmentDto,
  ExportQueryDto,
  ImportQueryDto,
  ImportResultDto,
  MyLearningDto,
  ParticipantsQueryDto,
  PublishDto,
  PublishedDto,
  RequirementsDto,
  SignOffDto,
  StaffRoleDto,
  UpdateCourseDto,
} from './courses.dto';
import { CoursesService } from './courses.service';
import { FoldersService } from './folders.service';
import { LearningService } from './learning.service';
import { type Published, PublishingService } from './publishing.service';

/** `:course` is a course's id or its slug. */
@ApiTags('courses')
@ApiBearerAuth()
@ApiExtraModels(...REQUIREMENT_DTOS)
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly authoring: AuthoringService,
    private readonly publishing: PublishingService,
    private readonly learning: LearningService,
    private readonly folders: FoldersService,
  ) {}

  @Get()
  @OptionalAuth()
  @ApiOkResponse({ type: PageDto(CourseSummaryDto) })
  list(@OptionalUser() caller: AuthUser | null, @Query() query: CatalogQueryDto): Promise<Page<CourseSummary>> {
    return this.courses.list(caller, query);
  }

  @Post()
  @ApiCreatedResponse({ type: CourseSummaryDto, description: 'A draft course, with me as its owner.' })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateCourseDto): Promise<CourseSummary> {
    return this.courses.create(caller, dto);
  }

  /** A course folder (see the README) as a .tar.gz or .zip archive in the body. */
  @Post('import')
  @ApiConsumes('application/gzip', 'application/zip')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: ImportResultDto })
  import(@CurrentUser() caller: AuthUser, @Headers('content-type') type: string | undefined, @Body() body: Buffer, @Query() query: ImportQueryDto): Promise<ImportResult> {
    return this.folders.importArchive(caller, type, body, query);
  }

  @Get(':course/export')
  @ApiProduces('application/gzip', 'application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The course folder as an archive (`?format=`), as a download.' })
  async export(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const exported = await this.folders.export(caller, ref, query.format ?? 'tar.gz');
    void reply.header('content-type', exported.contentType).header('content-disposition', `attachment; filename="${exported.filename}"`);
    return exported.body;
  }

  @Get(':course')
  @OptionalAuth()
  @ApiOkResponse({ type: CourseOutlineDto })
  outline(@OptionalUser() caller: AuthUser | null, @Param('course') ref: string): Promise<CourseOutline> {
    return this.courses.outline(caller, ref);
  }

  @Patch(':course')
  @ApiOkResponse({ type: CourseSummaryDto })
  update(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Body() dto: UpdateCourseDto): Promise<CourseSummary> {
    return this.courses.update(caller, ref, dto);
  }

  @Get(':course/draft')
  @ApiOkResponse({ type: CourseDraftDto })
  draft(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<CourseDraft> {
    return this.courses.draft(caller, ref);
  }

  @Post(':course/modules')
  @ApiCreatedResponse({ type: DraftModuleDto })
  addModule(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Body() dto: CreateModuleDto): Promise<DraftModule> {
    return this.authoring.addModule(caller, ref, dto);
  }

  @Post(':course/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: PublishedDto })
  publish(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Body() dto: PublishDto): Promise<Published> {
    return this.publishing.publish(caller, ref, dto.note, dto.recertify);
  }

  @Get(':course/versions')
  @ApiOkResponse({ type: [CourseVersionSummaryDto] })
  versions(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<CourseVersionSummary[]> {
    return this.courses.versionsOf(caller, ref);
  }

  @Post(':course/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: CourseSummaryDto })
  archive(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<CourseSummary> {
    return this.courses.archive(caller, ref, true);
  }

  @Post(':course/unarchive')
  @HttpCode(200)
  @ApiOkResponse({ type: CourseSummaryDto })
  unarchive(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<CourseSummary> {
    return this.courses.archive(caller, ref, false);
  }

  /** 201 when enrolled now, 200 when already enrolled. */
  @Post(':course/enroll')
  @ApiCreatedResponse({ type: EnrollmentDto, description: 'Enrolled now.' })
  @ApiOkResponse({ type: EnrollmentDto, description: 'Enrolled already.' })
  async enroll(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Enrollment> {
    const { enrollment, created } = await this.learning.enroll(caller, ref);
    void reply.status(created ? 201 : 200);
    return enrollment;
  }

  /** Who takes part (trainees and staff), for @mention suggestions. */
  @Get(':course/participants')
  @ApiOkResponse({ type: [UserSummaryDto] })
  participants(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Query() query: ParticipantsQueryDto): Promise<UserSummary[]> {
    return this.courses.participants(caller, ref, query.q ?? '');
  }

  @Get(':course/staff')
  @ApiOkResponse({ type: [CourseStaffMemberDto] })
  staff(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<CourseStaffMember[]> {
    return this.courses.staffList(caller, ref);
  }

  @Post(':course/staff')
  @ApiCreatedResponse({ type: [CourseStaffMemberDto], description: 'The staff now.' })
  addStaff(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Body() dto: AddStaffDto): Promise<CourseStaffMember[]> {
    return this.courses.setStaff(caller, ref, { username: dto.username }, dto.role);
  }

  @Put(':course/staff/:userId')
  @ApiOkResponse({ type: [CourseStaffMemberDto], description: 'The staff now.' })
  setStaff(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @UuidParam('userId') userId: string, @Body() dto: StaffRoleDto): Promise<CourseStaffMember[]> {
    return this.courses.setStaff(caller, ref, { userId }, dto.role);
  }

  @Delete(':course/staff/:userId')
  @ApiOkResponse({ type: [CourseStaffMemberDto], description: 'The staff now.' })
  removeStaff(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @UuidParam('userId') userId: string): Promise<CourseStaffMember[]> {
    return this.courses.removeStaff(caller, ref, userId);
  }

  /** The draft's completion requirements, in force from the next publish. */
  @Put(':course/requirements')
  @ApiOkResponse({ type: RequirementsDto })
  async setRequirements(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Body() dto: RequirementsDto): Promise<RequirementsRequest> {
    return { requirements: await this.courses.setRequirements(caller, ref, dto.requirements) };
  }

  @Get(':course/progress')
  @ApiOkResponse({ type: CourseProgressDto })
  progress(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<CourseProgress> {
    return this.learning.progress(caller, ref);
  }

  /** Staff: the course's trainees with their progress. */
  @Get(':course/trainees')
  @ApiOkResponse({ type: PageDto(TraineeProgressDto) })
  trainees(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @Query() query: PageQueryDto): Promise<Page<TraineeProgress>> {
    return this.courses.trainees(caller, ref, query);
  }

  @Post(':course/trainees/:userId/sign-off')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed off, toward the course\'s mentor_signoff requirement.' })
  signOff(@CurrentUser() caller: AuthUser, @Param('course') ref: string, @UuidParam('userId') userId: string, @Body() dto: SignOffDto): Promise<void> {
    return this.learning.signOff(caller, ref, userId, dto.note);
  }

  /** Staff: enrolled → started → each requirement met → completed. */
  @Get(':course/funnel')
  @ApiOkResponse({ type: CompletionFunnelDto })
  funnel(@CurrentUser() caller: AuthUser, @Param('course') ref: string): Promise<CompletionFunnel> {
    return this.courses.funnel(caller, ref);
  }
}

@ApiTags('courses')
@ApiBearerAuth()
@Controller('me/learning')
export class MyLearningController {
  constructor(private readonly courses: CoursesService) {}

  /** My courses with how far I am and the next step; in progress first. */
  @Get()
  @ApiOkResponse({ type: MyLearningDto })
  learning(@CurrentUser() caller: AuthUser): Promise<MyLearning> {
    return this.courses.learning(caller);
  }
}
