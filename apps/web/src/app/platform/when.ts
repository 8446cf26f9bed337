import { Pipe, type PipeTransform } from '@angular/core';

/**
 * How Hearth writes a moment, in one place so every page says it the same way, in the
 * reader's own language and time zone: `day` ("3 Dec 2026"), `time` ("08:07", hours
 * always two digits) or `moment`, both together.
 */
export type WhenStyle = 'day' | 'time' | 'moment';

const FORMATS: Record<WhenStyle, Intl.DateTimeFormat> = {
  day: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
  time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  moment: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
};

export function formatWhen(value: string | number | Date | null | undefined, style: WhenStyle = 'moment'): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : FORMATS[style].format(date);
}

/** `{{ at | when }}`, `{{ at | when: 'day' }}`, `{{ at | when: 'time' }}`. */
@Pipe({ name: 'when' })
export class WhenPipe implements PipeTransform {
  transform(value: string | number | Date | null | undefined, style: WhenStyle = 'moment'): string {
    return formatWhen(value, style);
  }
}
