import { durationInWords, type Sanction, sanctionHeadline, SANCTION_REASON_NAMES, type SanctionKind } from '@hearth/contracts';


/** The ladder's steps in words, one wording for every chat page. */
export const SANCTION_NAMES: Record<SanctionKind, string> = {
  warning: 'A warning',
  message_removed: 'Remove the message',
  mute: 'A timed mute',
  ban: 'Out of the room for a time',
  role_suspended: 'Suspend a facilitator role',
};

/** How long a role is suspended: `days`, or (with `refresher`, a course's title) until it is redone. */
function suspensionSpan(what: { days: number; refresher?: string | null }): string {
  return what.refresher ? `until they redo “${what.refresher}” and an admin reinstates them` : `for ${what.days} days`;
}

/** What a step does, in a sentence, before it is confirmed. */
export function sanctionSummary(step: SanctionKind, name: string, what: { minutes: number; days: number; refresher?: string | null; roleName: string; reason: string }): string {
  const because = what.reason ? `, because: ${what.reason.toLowerCase()}` : '';
  switch (step) {
    case 'warning':
      return `You are about to warn ${name}${because}.`;
    case 'message_removed':
      return `You are about to remove ${name}’s message${because}.`;
    case 'mute':
      return `You are about to mute ${name} in this room for ${durationInWords(what.minutes)}${because}.`;
    case 'ban':
      return `You are about to take ${name} out of this room for ${durationInWords(what.minutes)}${because}.`;
    case 'role_suspended':
      return `You are about to suspend ${name}’s role ${what.roleName} ${suspensionSpan(what)}${because}. Roles built on it are suspended with it.`;
  }
}

/** The step's headline: for its person (`you`), or (given `reader` who is someone else) in the third person. */
export function headlineOf(sanction: Sanction, readerId?: string | null): string {
  const step = { kind: sanction.kind, minutes: sanction.minutes, roomName: sanction.room.name, roleName: sanction.roleName };
  return sanctionHeadline(step, readerId !== undefined && readerId !== sanction.user.id ? sanction.user.displayName : undefined);
}

/** Where an appeal stands, in words for the person who made it. */
export function appealWords(sanction: Sanction): string {
  if (sanction.liftedAt) return 'lifted on appeal';
  if (!sanction.appeal) return '';
  return { pending: 'appeal waiting for an admin', confirmed: 'appealed: the step stands', overturned: 'lifted on appeal' }[sanction.appeal.status];
}

/** What a confirmed step did, for the moderator's status line. */
export function sanctionDone(step: SanctionKind, name: string, what: { minutes: number; days: number; refresher?: string | null; roleName: string }): string {
  switch (step) {
    case 'warning':
      return `${name} is warned, and told why.`;
    case 'message_removed':
      return `${name}’s message is removed; they are told why.`;
    case 'mute':
      return `${name} is muted for ${durationInWords(what.minutes)}, and told why.`;
    case 'ban':
      return `${name} is out of the room for ${durationInWords(what.minutes)}, and told why.`;
    case 'role_suspended':
      return `${name}’s role ${what.roleName} is suspended ${suspensionSpan(what)}, and they are told why.`;
  }
}

export function sanctionReason(sanction: Sanction): string {
  return `${SANCTION_REASON_NAMES[sanction.reasonCode]}${sanction.reason ? ` — “${sanction.reason}”` : ''}`;
}
