import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { MarkdownPreview } from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';

/** The server's Markdown renderer, for previews that match what will be shown. */
@Injectable({ providedIn: 'root' })
export class MarkdownApi {
  private readonly http = inject(HttpClient);

  preview(markdown: string): Promise<MarkdownPreview> {
    return firstValueFrom(this.http.post<MarkdownPreview>('/api/v1/markdown/preview', { markdown }));
  }
}
