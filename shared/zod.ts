/**
 * The parts of zod this project uses, by name. Importing `{ z }` from 'zod' hands a bundler zod's
 * whole namespace, locale messages in 50 languages included (about 260 KB minified), because the
 * namespace may be read in any way; named re-exports let esbuild keep only what is called. The
 * Lambda bundles import zod through here (`import * as z from './zod'`, used as before).
 */
import { config } from 'zod';

export { array, boolean, coerce, enum, literal, number, object, record, string, union, unknown } from 'zod';
export type { infer, ZodType } from 'zod';

// Without the JIT: zod would otherwise compile a parser per object schema (`new Function`) on its
// first parse, which in a Lambda's cold start costs more than it saves (the article record's first
// parse took 11–25 ms of CPU with it, 5–12 ms without, and a second parse was not slower). Set here,
// before any schema is built, because a schema reads the setting when it is made.
config({ jitless: true });
