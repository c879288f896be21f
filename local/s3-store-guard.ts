/**
 * Keeps s3rver's file store inside its folder. s3rver maps a key onto a path by splitting it at `/`
 * (`<dir>/<bucket>/<segment>/…/<last>._S3rver_object`), so a key S3 takes as plain text does harm
 * there: `../../outside/pwn.txt` writes (and its delete removes folders) outside the data folder,
 * and a segment over the file system's 255-byte name limit made a write stream fail unhandled,
 * which stopped the whole local stack (ENAMETOOLONG).
 *
 * Every store path goes through `getBucketPath` or `getResourcePath`, so both are checked before
 * s3rver touches the disk: a key the file store cannot hold is refused with an S3-style error
 * (XML, 400) that names the local limit; whatever passes is also checked to resolve inside the folder.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** The longest name s3rver gives a key's last segment: `<last>._S3rver_metadata.json`. */
const LONGEST_SUFFIX = '._S3rver_metadata.json';
/** What ext4, APFS and most file systems allow for one name, in bytes. */
const MAX_NAME_BYTES = 255;
export const MAX_LOCAL_SEGMENT_BYTES = MAX_NAME_BYTES;
export const MAX_LOCAL_LAST_SEGMENT_BYTES = MAX_NAME_BYTES - Buffer.byteLength(LONGEST_SUFFIX);
/** S3's bucket naming rules (no `..`, no `/`): a bucket name is one folder under the store. */
const BUCKET_NAME = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Why the local file store cannot hold `key`, or null when it can. */
export function localKeyProblem(key: string): { code: 'KeyTooLongError' | 'InvalidArgument'; message: string } | null {
  const segments = key.split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment === '.' || segment === '..') {
      return { code: 'InvalidArgument', message: `The local S3 (s3rver's file store) cannot hold a key with a "${segment}" segment; S3 itself would take it. Rename the object.` };
    }
    const limit = i === segments.length - 1 ? MAX_LOCAL_LAST_SEGMENT_BYTES : MAX_LOCAL_SEGMENT_BYTES;
    const bytes = Buffer.byteLength(segment, 'utf8');
    if (bytes > limit) {
      return { code: 'KeyTooLongError', message: `The local S3 (s3rver's file store) keeps each "/"-separated part of a key as a file name: at most ${limit} bytes here, and this one has ${bytes}. S3 itself would take it.` };
    }
  }
  return null;
}

interface PathStore {
  readonly rootDirectory: string;
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
}
type S3ErrorConstructor = new (code: string, message: string, detail?: Record<string, string>) => Error;

const require = createRequire(import.meta.url);

export function guardStorePaths(store: PathStore): void {
  // s3rver renders its own error class as S3's XML error with the code's status.
  const S3Error = require('s3rver/lib/models/error') as S3ErrorConstructor;
  const root = path.resolve(store.rootDirectory);
  const inside = (target: string): string => {
    const resolved = path.resolve(target);
    if (!resolved.startsWith(root + path.sep)) throw new S3Error('InvalidArgument', 'The local S3 refuses a path outside its data folder.');
    return target;
  };
  const checkBucket = (bucket: string): void => {
    if (!BUCKET_NAME.test(bucket)) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
  };

  const getBucketPath = store.getBucketPath.bind(store);
  store.getBucketPath = (bucket) => {
    checkBucket(bucket);
    return inside(getBucketPath(bucket));
  };
  const getResourcePath = store.getResourcePath.bind(store);
  store.getResourcePath = (bucket, key, resource) => {
    checkBucket(bucket);
    const problem = key === undefined ? null : localKeyProblem(key);
    if (problem) throw new S3Error(problem.code, problem.message, { Key: key ?? '' });
    return inside(getResourcePath(bucket, key, resource));
  };
}
