/**
 * The one place names cross between the schema and the code: columns are snake_case
 * (`body_md`), fields camelCase (`bodyMd`). Entities' columns (HearthNamingStrategy) and
 * Database's writes go one way, the rows Database reads come back the other.
 */

/** A field's column: `bodyMd` → `body_md`, as entities' columns and Database's writes name them. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

const camelNames = new Map<string, string>();

/**
 * The inverse, for the rows SQL returns (`room_id` → `roomId`): names without an underscore
 * are kept as they are. Database maps every row through it, so it remembers the names it met.
 */
export function camelCase(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(column, name);
  }
  return name;
}

/**
 * Rows with their column names in camelCase. Every row of a result has the same columns, so
 * the names are read off the first; a result with no snake_case column comes back as it is.
 */
export function camelCaseRows<T = Record<string, unknown>>(rows: Array<Record<string, unknown>> | undefined): T[] {
  if (!rows || rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  if (!columns.some((column) => column.includes('_'))) return rows as T[];
  const names = columns.map(camelCase);
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) out[names[i]] = row[columns[i]];
    return out as T;
  });
}

/** One row's worth, for a row that came back as JSON (`row_to_json`) inside another. */
export function camelCaseKeys<T = Record<string, unknown>>(row: Record<string, unknown>): T {
  return camelCaseRows<T>([row])[0];
}
