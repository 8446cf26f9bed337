import type { HttpResponse } from '@angular/common/http';

/**
 * Hands a response the API sent as an attachment to the browser as a file download: its
 * name from Content-Disposition (or `fallback`), through a short-lived object URL.
 */
export function saveDownload(response: HttpResponse<Blob>, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  saveBlob(response.body ?? new Blob(), name);
  return name;
}

/** A file made or fetched in the page, handed to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
