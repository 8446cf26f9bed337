// Every migration, oldest first. `npm run migration:generate` appends to this list.
import { Foundation1795252041726 } from './1795252041726-Foundation';
import { Courses1795253873814 } from './1795253873814-Courses';

export const migrations = [Foundation1795252041726, Courses1795253873814];
