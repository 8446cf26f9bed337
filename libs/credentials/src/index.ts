export { BadgesService } from './badges.service';
export { UnmetConditionDto } from './credentials.dto';
export { CredentialsModule } from './credentials.module';
export { EXPIRY_WARNING_DAYS } from './expiry-sweep';
export { GrantsService } from './grants.service';
export { RefreshersService } from './refreshers.service';
export { RolesService } from './roles.service';
