import type { ChatMessage, UserSummary } from '@hearth/contracts';
import type { MessageRow } from './chat.repository';

/** A message as clients see it; a removed one without its text. */
export function messageView(row: Pick<MessageRow, 'id' | 'roomId' | 'seq' | 'kind' | 'body' | 'bodyHtml' | 'clientId' | 'createdAt' | 'removedAt'>, author: UserSummary | null): ChatMessage {
  return {
    id: row.id,
    roomId: row.roomId,
    seq: row.seq,
    kind: row.kind,
    author,
    body: row.removedAt ? '' : row.body,
    bodyHtml: row.removedAt ? '' : row.bodyHtml,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    removed: row.removedAt !== null,
  };
}
