import type { ItemContent } from './item-content';

/** What of an item a trainee works through: its kind, text, question and quiz (not its title, slug or place). */
type Content = Pick<ItemContent<unknown>, 'type' | 'bodyMd' | 'reflectionQuestion' | 'minWords' | 'passPercent' | 'questions'> & { itemId: string };

/**
 * The items of a new version that are new or whose content changed since the version
 * before, in the new version's order: what holders redo to recertify. A retitled or moved
 * item is not changed.
 */
export function changedItemIds(before: Content[], after: Content[]): string[] {
  const earlier = new Map(before.map((item) => [item.itemId, canonical(contentOf(item))]));
  return after.filter((item) => earlier.get(item.itemId) !== canonical(contentOf(item))).map((item) => item.itemId);
}

function contentOf({ type, bodyMd, reflectionQuestion, minWords, passPercent, questions }: Content): unknown {
  return { type, bodyMd, reflectionQuestion: reflectionQuestion ?? null, minWords: minWords ?? null, passPercent: passPercent ?? null, questions: questions ?? null };
}

/** JSON with every object's keys in order: a value read back from jsonb compares equal to the one written. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
