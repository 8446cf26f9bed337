// Every migration, oldest first. `npm run migration:generate` appends to this list.
import { Foundation1795252041726 } from './1795252041726-Foundation';

export const migrations = [Foundation1795252041726];
