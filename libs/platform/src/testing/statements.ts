import { Client } from 'pg';

/**
 * The SQL statements `work` sends to PostgreSQL, from any connection of this process
 * (transactions' BEGIN and COMMIT included), in order: for tests that hold an operation
 * to a number of round trips. Counts what goes over the wire, so a statement made by a
 * library counts as much as one written here.
 */
export async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [first] = args;
    seen.push(typeof first === 'string' ? first : ((first as { text?: string })?.text ?? String(first)));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    Client.prototype.query = original;
  }
  return seen.map((sql) => sql.replace(/\s+/g, ' ').trim());
}
