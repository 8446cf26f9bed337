/**
 * Focuses the first element matching `selector` once it is on the page: now, or when the
 * page shows it after loading its data (a course item's title comes with the item), for up
 * to five seconds. Never steals focus the person has since put somewhere themselves: it
 * moves focus only from where it was when the action began (`from`, by default where it is
 * now; pass what was focused before a slow request), from the page itself, or from a
 * control that has left the page.
 */
export function focusWhenShown(selector: string, options: { from?: Element | null; timeoutMs?: number } = {}): void {
  const started = options.from !== undefined ? options.from : document.activeElement;
  const unmoved = () => {
    const active = document.activeElement;
    return !active || active === document.body || active === started;
  };
  const attempt = (): boolean => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) return false;
    if (unmoved()) target.focus();
    return true;
  };
  setTimeout(() => {
    if (attempt()) return;
    const observer = new MutationObserver(() => {
      if (attempt()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => observer.disconnect(), options.timeoutMs ?? 5000);
  });
}
