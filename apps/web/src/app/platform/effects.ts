import { effect, type Signal, untracked } from '@angular/core';

/**
 * Runs `run` with a signal's value now and whenever it changes (a route parameter, say),
 * without tracking whatever `run` reads. `previous` is the value of the run before, if any.
 */
export function effectOnChange<T>(source: Signal<T>, run: (value: T, previous: T | undefined) => unknown): void {
  let previous: T | undefined;
  effect(() => {
    const value = source();
    const before = previous;
    previous = value;
    untracked(() => void run(value, before));
  });
}
