import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SingleSignOnInfo } from '@hearth/contracts';
import { Public } from '@hearth/platform';
import { SingleSignOnInfoDto } from './identity.dto';
import { RefreshCookie } from './refresh-cookie';
import { OIDC_CALLBACK_PATH, type OidcFailure, OidcSignInFailed, SingleSignOn } from './single-sign-on';

const FLOW_COOKIE = 'hearth_oidc';

/**
 * Sign-in with the community's OpenID provider: browser navigations, not API calls, so
 * every outcome is a redirect (to the provider, back into the app, or to the sign-in page
 * with `?sso=<why>`), never a JSON problem a person would see raw.
 */
@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly sso: SingleSignOn,
    private readonly cookie: RefreshCookie,
  ) {}

  @Get()
  @ApiOkResponse({ type: SingleSignOnInfoDto, description: 'Whether the sign-in page offers “Sign in with <name>”.' })
  describe(): SingleSignOnInfo {
    return this.sso.describe();
  }

  @Get('start')
  @ApiFoundResponse({ description: 'To the provider, with state, nonce and PKCE; the flow rides in a signed httpOnly cookie for 10 minutes.' })
  async start(@Query('returnUrl') returnUrl: string | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const { url, flow } = await this.sso.start(typeof returnUrl === 'string' ? returnUrl : undefined);
      // Lax: the provider brings the browser back with a top-level navigation from its own site.
      void reply.setCookie(FLOW_COOKIE, flow, { httpOnly: true, sameSite: 'lax', secure: this.cookie.secure(req), path: OIDC_CALLBACK_PATH, maxAge: 600 });
      await reply.redirect(url, 302);
    } catch {
      await reply.redirect(failed(this.sso.describe().enabled ? 'unavailable' : 'off'), 302);
    }
  }

  @Get('callback')
  @ApiFoundResponse({ description: 'Signed in (the refresh cookie set) and back to where the person was; or to /sign-in?sso=<why>.' })
  async callback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    void reply.clearCookie(FLOW_COOKIE, { path: OIDC_CALLBACK_PATH });
    try {
      const { signedIn, returnUrl } = await this.sso.finish(query, req.cookies[FLOW_COOKIE], { userAgent: req.headers['user-agent'] ?? null });
      this.cookie.issue(req, reply, signedIn);
      await reply.redirect(returnUrl, 302);
    } catch (error) {
      await reply.redirect(failed(error instanceof OidcSignInFailed ? error.why : 'failed'), 302);
    }
  }
}

const failed = (why: OidcFailure) => `/sign-in?sso=${why}`;
