/**
 * The parts of zod this project uses, by name. Importing `{ z }` from 'zod' hands a bundler zod's
 * whole namespace, locale messages in 50 languages included (about 260 KB minified), because the
 * namespace may be read in any way; named re-exports let esbuild keep only what is called. The
 * Lambda bundles import zod through here (`import * as z from './zod'`, used as before).
 */
export { array, boolean, coerce, enum, literal, number, object, record, string, union, unknown } from 'zod';
export type { infer, ZodType } from 'zod';
