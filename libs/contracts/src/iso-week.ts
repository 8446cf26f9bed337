const DAY_MS = 86_400_000;

/** The Monday (00:00 UTC) that starts ISO week `week` (`2026-W49`), or null when the year has no such week. */
export function weekStart(week: string): Date | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const [year, number] = [Number(match[1]), Number(match[2])];
  // Week 1 is the week with the year's first Thursday, so the one holding 4 January.
  const january4 = Date.UTC(year, 0, 4);
  const monday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS;
  const start = new Date(monday);
  return number >= 1 && isoWeekOf(start) === week ? start : null;
}

/** The ISO week a moment falls in (UTC), as `2026-W49`. */
export function isoWeekOf(moment: Date): string {
  const day = Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate());
  // The week's Thursday decides its year.
  const thursday = new Date(day + (3 - ((new Date(day).getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const number = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/** The ISO week `weeks` after (or before) `week`. */
export function weekAfter(week: string, weeks: number): string {
  const start = weekStart(week);
  if (!start) throw new Error(`Not an ISO week: ${week}`);
  return isoWeekOf(new Date(start.getTime() + weeks * 7 * DAY_MS));
}
