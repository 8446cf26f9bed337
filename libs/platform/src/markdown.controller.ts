import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { MarkdownPreview, MarkdownPreviewRequest } from '@hearth/contracts';
import { IsString, MaxLength } from 'class-validator';
import { countRenderedWords, renderMarkdown } from './markdown';

export class MarkdownPreviewRequestDto implements MarkdownPreviewRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(100_000)
  markdown!: string;
}

class MarkdownPreviewDto implements MarkdownPreview {
  @ApiProperty() html!: string;
  @ApiProperty() wordCount!: number;
}

/** Live preview for editors: the same renderer as the stored HTML, so what you see is what is published. */
@ApiTags('markdown')
@ApiBearerAuth()
@Controller('markdown')
export class MarkdownController {
  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkdownPreviewDto })
  preview(@Body() dto: MarkdownPreviewRequestDto): MarkdownPreview {
    const html = renderMarkdown(dto.markdown);
    return { html, wordCount: countRenderedWords(html) };
  }
}
