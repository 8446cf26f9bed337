/** A link from the API (`/roles#moderator`): the app path, for routerLink. */
export function linkPath(link: string): string {
  return link.split('#')[0];
}

/** …and its #fragment, if any. */
export function linkFragment(link: string): string | undefined {
  return link.split('#')[1];
}
