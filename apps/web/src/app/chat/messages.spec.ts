import type { ChatMessage } from '@hearth/contracts';
import { mergeMessages } from './messages';

const message = (id: string, seq: string, body = id): ChatMessage => ({
  id,
  roomId: 'room',
  seq,
  kind: 'text',
  author: null,
  body,
  bodyHtml: body,
  clientId: null,
  createdAt: '2026-01-01T00:00:00Z',
  removed: false,
});

describe('mergeMessages', () => {
  it('orders by sequence as numbers, not as text', () => {
    const merged = mergeMessages([message('a', '9'), message('b', '10')], [message('c', '100'), message('d', '2')]);
    expect(merged.map((m) => m.seq)).toEqual(['2', '9', '10', '100']);
  });

  it('keeps each message once, the newer copy winning (a caught-up or removed one)', () => {
    const merged = mergeMessages([message('a', '1', 'first'), message('b', '2')], [message('a', '1', 'edited'), message('b', '2')]);
    expect(merged.map((m) => [m.id, m.body])).toEqual([
      ['a', 'edited'],
      ['b', 'b'],
    ]);
  });
});
