import { effect, type Signal, untracked } from '@angular/core';

/**
 * Runs `run` with a signal's value now and whenever it changes (a route parameter, say),
 * without tracking whatever `run` reads.
 */
export function effectOnChange<T>(source: Signal<T>, run: (value: T) => unknown): void {
  effect(() => {
    const value = source();
    untracked(() => void run(value));
  });
}
