import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  APPROVAL_MODES,
  type ApprovalMode,
  type DecisionRequest,
  type ManualGrantRequest,
  MUTE_MINUTES,
  PERMISSION_BUNDLES,
  type ProbationRule,
  type PermissionBundle,
  type ReasonRequest,
  REQUEST_STATUSES,
  type RequestStatus,
  ROLE_KEY_PATTERN,
  type RoleDefinitionRequest,
  type RoleEffects,
  type SuspendRequest,
  type UnlockRule,
} from '@hearth/contracts';
import { PageQueryDto } from '@hearth/platform';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UnlockRuleDto implements UnlockRule {
  @ApiProperty({ type: [String], description: 'Courses to complete' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  courseIds!: string[];

  @ApiProperty({ type: [String], description: 'Roles to hold already' })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(ROLE_KEY_PATTERN, { each: true, message: 'Each role key is lower-case words joined by underscores.' })
  roleKeys!: string[];

  @ApiProperty({ enum: APPROVAL_MODES })
  @IsIn(APPROVAL_MODES)
  approval!: ApprovalMode;

  @ApiProperty({ nullable: true, description: 'Days a grant lasts; null for no end' })
  @ValidateIf((rule: UnlockRuleDto) => rule.validityDays !== null)
  @IsInt()
  @Min(1)
  @Max(3650)
  validityDays!: number | null;
}

export class ProbationRuleDto implements ProbationRule {
  @ApiProperty({ minimum: 1, maximum: 20, description: 'Co-hosted sessions a mentor confirms before probation ends' })
  @IsInt()
  @Min(1)
  @Max(20)
  sessions!: number;

  @ApiProperty({ minimum: MUTE_MINUTES.min, maximum: MUTE_MINUTES.max, description: 'The longest mute or removal a holder on probation may give' })
  @IsInt()
  @Min(MUTE_MINUTES.min)
  @Max(MUTE_MINUTES.max)
  maxMinutes!: number;
}

export class RoleEffectsDto implements RoleEffects {
  @ApiProperty({ enum: PERMISSION_BUNDLES })
  @IsIn(PERMISSION_BUNDLES)
  bundle!: PermissionBundle;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  roomIds!: string[];

  @ApiProperty({ type: [String], description: 'Rooms with any of these tags' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { each: true, message: 'Each room tag is lower-case words joined by hyphens.' })
  @MaxLength(40, { each: true })
  roomTags!: string[];

  @ApiPropertyOptional({ type: ProbationRuleDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProbationRuleDto)
  probation?: ProbationRuleDto | null;
}

export class RoleDefinitionDto implements RoleDefinitionRequest {
  @ApiProperty({ example: 'moderator' })
  @Matches(ROLE_KEY_PATTERN, { message: 'The key is lower-case words joined by underscores, like session_leader.' })
  @MaxLength(40)
  key!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ type: UnlockRuleDto })
  @ValidateNested()
  @Type(() => UnlockRuleDto)
  rule!: UnlockRuleDto;

  @ApiProperty({ type: RoleEffectsDto })
  @ValidateNested()
  @Type(() => RoleEffectsDto)
  effects!: RoleEffectsDto;
}

export class UpdateRoleDefinitionDto extends PartialType(OmitType(RoleDefinitionDto, ['key'] as const)) {}

export class RequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;
}

export class DecisionDto implements DecisionRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** Revoking, reinstating and granting by hand are always explained. */
export class ReasonDto implements ReasonRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Say why; the reason is kept in the history.' })
  @MaxLength(2000)
  reason!: string;
}

export class ManualGrantDto extends ReasonDto implements ManualGrantRequest {
  @ApiProperty()
  @Matches(ROLE_KEY_PATTERN)
  @MaxLength(40)
  roleKey!: string;

  @ApiPropertyOptional({ description: 'When the grant ends, if sooner than the role’s validity' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt is a date and time (ISO 8601).' })
  expiresAt?: string;
}

export class SuspendDto extends ReasonDto implements SuspendRequest {
  @ApiPropertyOptional({ nullable: true, description: 'Given back by itself at this time; without it, until an admin reinstates it' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until is a date and time (ISO 8601).' })
  until?: string | null;
}
