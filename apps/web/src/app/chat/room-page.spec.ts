import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import type { ChatAck, ChatRoom, JoinedRoom } from '@hearth/contracts';
import { Subject } from 'rxjs';
import { Session } from '../identity/session';
import { ChatApi } from './chat-api';
import { ChatSocket } from './chat-socket';
import { RoomPage } from './room-page';
import type { RoomStore } from './room-store';

const ROOM = { id: 'room-1', name: 'Lounge', canEnter: true, locked: false, powers: ['post'] } as unknown as ChatRoom;

/** The room page's logic against a fake API and socket (its template is left out). */
function setUp(acks: Array<ChatAck<JoinedRoom>>) {
  const requests: Array<{ event: string; body: unknown }> = [];
  const socket = {
    connects: new Subject<void>(),
    on: () => new Subject(),
    open: () => undefined,
    connected: () => true,
    request: async (event: string, body: unknown) => {
      requests.push({ event, body });
      return event === 'room:join' ? acks.shift()! : { ok: true, data: null };
    },
  };
  const api = {
    room: async () => ROOM,
    history: async () => ({ items: [], nextCursor: null }),
    people: async () => [],
    upcoming: async () => [],
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: ChatApi, useValue: api },
      { provide: ChatSocket, useValue: socket },
      { provide: Session, useValue: { me: signal(null) } },
      { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ room: ROOM.id }) } } },
    ],
  });
  TestBed.overrideComponent(RoomPage, { set: { template: '', imports: [] } });
  // Created and checked once: ngOnInit loads the room and joins it.
  const fixture = TestBed.createComponent(RoomPage);
  fixture.detectChanges();
  const page = fixture.componentInstance;
  const joins = () => requests.filter((request) => request.event === 'room:join').length;
  return { page, joins, error: () => (page as unknown as { store: RoomStore }).store.error() };
}

describe('RoomPage joining', () => {
  afterEach(() => vi.useRealTimers());

  it('joins again when a refusal says when, and takes the refusal down once in', async () => {
    vi.useFakeTimers();
    const { joins, error } = setUp([
      { ok: false, code: 'rate-limited', message: 'Too many rooms joined in a short time; try again in 2 s.', retryAfterSeconds: 2 },
      { ok: true, data: { room: ROOM, messages: [], truncated: false } },
    ]);
    await vi.waitFor(() => expect(joins()).toBe(1));
    expect(error()).toContain('Too many rooms joined');
    await vi.advanceTimersByTimeAsync(1_900);
    expect(joins()).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(joins()).toBe(2);
    await vi.waitFor(() => expect(error()).toBeNull());
  });

  it('does not retry a refusal that gives no time', async () => {
    vi.useFakeTimers();
    const { joins, error } = setUp([{ ok: false, code: 'validation', message: 'roomId: must be a UUID' }]);
    await vi.waitFor(() => expect(joins()).toBe(1));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(joins()).toBe(1);
    expect(error()).toBe('roomId: must be a UUID');
  });
});

describe('RoomPage posting', () => {
  afterEach(() => vi.useRealTimers());

  const closedBy = (posting: ChatRoom['posting']) => setUp([{ ok: true, data: { room: { ...ROOM, posting }, messages: [], truncated: false } }]);
  const cannotPost = (page: RoomPage) => (page as unknown as { store: RoomStore }).store.cannotPost();

  it('shows the server’s reason as it is, and nothing when the room says I may post', async () => {
    const open = closedBy(null);
    await vi.waitFor(() => expect(open.joins()).toBe(1));
    await vi.waitFor(() => expect(cannotPost(open.page)).toBeNull());
    TestBed.resetTestingModule();
    const readOnly = closedBy({ code: 'room-read-only', reason: 'Only the room’s facilitators post here.', until: null });
    await vi.waitFor(() => expect(cannotPost(readOnly.page)).toBe('Only the room’s facilitators post here.'));
  });

  it('reopens the composer by itself when a mute runs out', async () => {
    vi.useFakeTimers();
    const until = new Date(Date.now() + 20_000).toISOString();
    const { page } = closedBy({ code: 'muted', reason: 'You are muted in this room', until });
    await vi.waitFor(() => expect(cannotPost(page)).toMatch(/^You are muted in this room until /));
    await vi.advanceTimersByTimeAsync(31_000);
    expect(cannotPost(page)).toBeNull();
  });
});
