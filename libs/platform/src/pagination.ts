import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Page } from '@hearth/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedError } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?cursor=&limit=` of every paginated list. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

const pageClasses = new Map<Class<unknown>, Class<Page<unknown>>>();

/** The response class of a page of `item`s (`ChatMessageDto` → `ChatMessagePageDto`), one per item class. */
export function PageDto<T>(item: Class<T>): Class<Page<T>> {
  let page = pageClasses.get(item);
  if (!page) {
    class PageOfItems implements Page<T> {
      @ApiProperty({ type: [item] }) items!: T[];
      @ApiProperty({ type: String, nullable: true, description: 'Pass it back as `?cursor=` for the next page; null on the last' }) nextCursor!: string | null;
    }
    Object.defineProperty(PageOfItems, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
    page = PageOfItems;
    pageClasses.set(item, page);
  }
  return page as Class<Page<T>>;
}

/**
 * Keyset cursors: the sort key of the last row of a page, opaque to clients. Lists read
 * `limit + 1` rows after the cursor's key on an index that matches their order; the extra
 * row only says whether there is a next page.
 */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What a cursor's key may hold: text, a uuid, a 32-bit integer (a count), a bigint
 * identity as decimal text (`serial`), or a timestamp as PostgreSQL writes
 * `timestamptz::text` (microseconds kept, so no two rows' keys collide by rounding).
 */
type KeyType = 'string' | 'int' | 'serial' | 'uuid' | 'timestamp';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

function fits(value: unknown, type: KeyType): boolean {
  if (type === 'uuid') return typeof value === 'string' && UUID.test(value);
  if (type === 'int') return Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;
  if (type === 'serial') return typeof value === 'string' && /^[1-9]\d{0,17}$/.test(value);
  if (type === 'timestamp') return typeof value === 'string' && TIMESTAMP.test(value) && isCalendarTime(value);
  return typeof value === 'string' && !value.includes('\0');
}

/** A date that exists (no 30 February) at a time of day that exists. */
function isCalendarTime(value: string): boolean {
  const [year, month, day, hour, minute, second] = value.split(/[- :.+]/).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/**
 * The key in a cursor, checked against the types the list sorts by: a forged cursor is a
 * 400, never a query the database refuses.
 */
export function decodeCursor(cursor: string | undefined, types: KeyType[]): Array<string | number> | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === types.length && key.every((value, i) => fits(value, types[i]))) {
      return key as Array<string | number>;
    }
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'The cursor is not one this list gave out.' }]);
}

/** A page from `limit + 1` rows read in order. */
export function toPage<Row, Item>(rows: Row[], limit: number, key: (row: Row) => Array<string | number>, map: (row: Row) => Item): Page<Item> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(map), nextCursor: more ? encodeCursor(key(shown[shown.length - 1])) : null };
}
