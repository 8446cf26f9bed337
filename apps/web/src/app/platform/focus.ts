/**
 * Focuses the first element matching `selector` once it is on the page: now, or when the
 * page shows it after loading its data (a course item's title comes with the item), for up
 * to five seconds. Never steals focus the person has since put somewhere themselves.
 */
export function focusWhenShown(selector: string, timeoutMs = 5000): void {
  const started = document.activeElement;
  const attempt = (): boolean => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) return false;
    if (document.activeElement === started || document.activeElement === document.body) target.focus();
    return true;
  };
  setTimeout(() => {
    if (attempt()) return;
    const observer = new MutationObserver(() => {
      if (attempt()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => observer.disconnect(), timeoutMs);
  });
}
