/** A page of a keyset-paginated list; pass `nextCursor` back as `?cursor=` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
