import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Notice } from '@hearth/contracts';
import { ApiProblem, Public } from '@hearth/platform';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import { AuthService, type ClientInfo } from './auth.service';
import { EmailVerification } from './email-verification';
import { AuthResponseDto, LoginDto, NoticeDto, PasswordResetDto, PasswordResetRequestDto, RefreshResponseDto, RegisterDto, VerifyEmailDto } from './identity.dto';
import { PasswordsService } from './passwords.service';
import { RefreshCookie } from './refresh-cookie';

const client = (request: FastifyRequest): ClientInfo => ({ userAgent: request.headers['user-agent'] ?? null });

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: RefreshCookie,
    private readonly passwords: PasswordsService,
    private readonly verification: EmailVerification,
  ) {}

  @Post('register')
  @UseGuards(AuthThrottlerGuard)
  @ApiCreatedResponse({ type: AuthResponseDto, description: 'Signed in; the refresh token is set as an httpOnly cookie.' })
  async register(@Body() dto: RegisterDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cookie.issue(req, reply, await this.auth.register(dto, client(req)));
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(AuthThrottlerGuard)
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiProblem(401, 'The e-mail address or username and the password do not match (the same words whichever was wrong).')
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cookie.issue(req, reply, await this.auth.login(dto, client(req)));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: RefreshResponseDto, description: 'A new access token; the refresh cookie is rotated.' })
  async refresh(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cookie.issue(req, reply, await this.auth.refresh(this.cookie.read(req)));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session (refresh-token family) is ended and the cookie cleared.' })
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(this.cookie.read(req));
    this.cookie.clear(reply);
  }

  @Post('verify-email')
  @HttpCode(204)
  @UseGuards(AuthThrottlerGuard)
  @ApiNoContentResponse({ description: 'The address the link was sent to is verified.' })
  @ApiProblem(400, 'verify-link-invalid: expired, used, or for an address no longer the account\'s.')
  async verifyEmail(@Body() dto: VerifyEmailDto): Promise<void> {
    await this.verification.verify(dto.token);
  }

  @Post('password-reset')
  @HttpCode(202)
  @UseGuards(AuthThrottlerGuard)
  @ApiAcceptedResponse({ type: NoticeDto, description: 'The same answer whether or not an account has the address; if one does, a link is e-mailed (30 minutes, single use).' })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<Notice> {
    await this.passwords.requestReset(dto.email);
    return { message: 'If an account has this address, we have e-mailed it a link to choose a new password. The link works for 30 minutes.' };
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @UseGuards(AuthThrottlerGuard)
  @ApiNoContentResponse({ description: 'The password is set; every session of the account has ended. Sign in with the new one.' })
  @ApiProblem(400, 'reset-link-invalid (expired or used), weak-password, or validation.')
  async resetPassword(@Body() dto: PasswordResetDto): Promise<void> {
    await this.passwords.reset(dto.token, dto.password);
  }
}
