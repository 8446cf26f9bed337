import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SignInSession } from '@hearth/contracts';
import { ApiProblem, UuidParam } from '@hearth/platform';
import { type AuthUser, CurrentUser } from './auth-user';
import { SignInSessionDto } from './identity.dto';
import { Sessions } from './sessions';

/** My sign-ins: where I am signed in, and signing any of them out. */
@ApiTags('account')
@ApiBearerAuth()
@Controller('me/sessions')
export class SessionsController {
  constructor(private readonly sessions: Sessions) {}

  @Get()
  @ApiOkResponse({ type: [SignInSessionDto] })
  list(@CurrentUser() caller: AuthUser): Promise<SignInSession[]> {
    return this.sessions.list(caller);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out there: its access tokens stop working and its chat connections close.' })
  @ApiProblem(404, 'No sign-in of yours with this id is still going.')
  async end(@CurrentUser() caller: AuthUser, @UuidParam('id') id: string): Promise<void> {
    await this.sessions.endOwn(caller, id);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out everywhere, this session included.' })
  async endAll(@CurrentUser() caller: AuthUser): Promise<void> {
    await this.sessions.endEverywhere(caller);
  }
}
