import type { UserSummary } from './identity';

/** The longest moderator shift, in hours: a longer one is two shifts (and two people, ideally). */
export const SHIFT_MAX_HOURS = 12;
/** A room asks its on-spot hosts for help at most once in this many minutes. */
export const HOST_CALL_MINUTES = 15;
/** An ISO week, `2026-W49`: Monday 00:00 UTC to the next Monday. */
export const ISO_WEEK_PATTERN = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** Someone on duty in a room for a while: they are its facilitator then. */
export interface ChatShift {
  id: string;
  room: { id: string; name: string };
  person: UserSummary;
  startsAt: string;
  endsAt: string;
  createdBy: UserSummary | null;
}

export interface CreateShiftRequest {
  /** Whose shift (admins); leave it out for one's own. */
  userId?: string;
  startsAt: string;
  endsAt: string;
}

/** One day of a room's week, in UTC: `covered[h]` for the hour starting at `h`:00. */
export interface DayCoverage {
  date: string;
  covered: boolean[];
}

export interface RoomCoverage {
  room: { id: string; name: string };
  /** Hours of the week nobody covers. */
  uncoveredHours: number;
  days: DayCoverage[];
}

/**
 * A week of rooms, hour by hour: an hour is covered when shifts and sessions (a scheduled
 * one for an hour from its start, a running or ended one while it ran) fill all of it.
 */
export interface CoverageWeek {
  week: string;
  from: string;
  to: string;
  rooms: RoomCoverage[];
}

/** Hosts were asked to come to a room. */
export interface HostCall {
  roomId: string;
  askedAt: string;
  /** How many on-spot hosts were told. */
  hostsAsked: number;
  /** When the room may ask again (HOST_CALL_MINUTES later). */
  nextAskAt: string;
}
