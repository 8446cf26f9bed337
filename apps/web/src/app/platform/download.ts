import type { HttpResponse } from '@angular/common/http';

/**
 * Hands a response the API sent as an attachment to the browser as a file download: its
 * name from Content-Disposition (or `fallback`), through a short-lived object URL.
 */
export function saveDownload(response: HttpResponse<Blob>, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  const url = URL.createObjectURL(response.body ?? new Blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
