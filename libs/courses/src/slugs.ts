import { slugify } from '@hearth/contracts';

/** A slug from a title, or `fallback` when the title has no letters or digits. */
export function slugOf(title: string, fallback: string): string {
  return slugify(title) || fallback;
}

/** `wanted` if free, otherwise `wanted-2`, `wanted-3`, … */
export function uniqueSlug(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, 56)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
