import { durationInWords, type Sanction, sanctionHeadline, SANCTION_REASON_NAMES, type SanctionKind } from '@hearth/contracts';


/** The ladder's steps in words, one wording for every chat page. */
export const SANCTION_NAMES: Record<SanctionKind, string> = {
  warning: 'A warning',
  message_removed: 'Remove the message',
  mute: 'A timed mute',
  ban: 'Out of the room for a time',
  role_suspended: 'Suspend a facilitator role',
};

/** What a step does, in a sentence, before it is confirmed. */
export function sanctionSummary(step: SanctionKind, name: string, what: { minutes: number; days: number; roleName: string; reason: string }): string {
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
      return `You are about to suspend ${name}’s role ${what.roleName} for ${what.days} days${because}. Roles built on it are suspended with it.`;
  }
}

/** The step's headline for its person. */
export function headlineOf(sanction: Sanction): string {
  return sanctionHeadline({ kind: sanction.kind, minutes: sanction.minutes, roomName: sanction.room.name, roleName: sanction.roleName });
}

export function sanctionReason(sanction: Sanction): string {
  return `${SANCTION_REASON_NAMES[sanction.reasonCode]}${sanction.reason ? ` — “${sanction.reason}”` : ''}`;
}
