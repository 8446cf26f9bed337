import type { ChatMessage } from '@hearth/contracts';

/** Orders messages by their room sequence (numeric strings of any length), oldest first. */
export function bySeq(a: ChatMessage, b: ChatMessage): number {
  return a.seq.length - b.seq.length || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0);
}

/** Adds messages to those shown: each once (a newer copy wins), oldest first. */
export function mergeMessages(shown: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(shown.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(bySeq);
}
