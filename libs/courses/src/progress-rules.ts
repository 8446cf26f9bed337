import type { ItemState, ItemType } from '@hearth/contracts';

/** When an item counts as done: a lesson once read, a quiz once passed, a discussion once answered. */
export function isDone(type: ItemType, state: ItemState): boolean {
  if (type === 'lesson') return state !== 'not_started';
  if (type === 'quiz') return state === 'passed';
  return state === 'answered';
}
