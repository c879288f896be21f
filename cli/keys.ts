/**
 * The keys a user names on the command line: a bare object key, or the `s3://bucket/key` URI that
 * `dateline get` prints as the record's source (copied back from its output).
 */
import { CliError } from './errors';

const S3_URI = 's3://';

/**
 * The object key an argument names. A URI must name the target's bucket: reading another bucket's
 * key from this one would answer about a different object.
 */
export function keyFromArgument(argument: string, bucket: string): string {
  if (!argument.startsWith(S3_URI)) return argument;
  const rest = argument.slice(S3_URI.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) throw new CliError(`${argument}: an S3 URI names a bucket and a key, s3://<bucket>/<key>`, { exitCode: 2 });
  const uriBucket = rest.slice(0, slash);
  if (uriBucket !== bucket) throw new CliError(`${argument}: names bucket ${uriBucket}, but the target's bucket is ${bucket} (--bucket)`, { exitCode: 2 });
  return rest.slice(slash + 1);
}
