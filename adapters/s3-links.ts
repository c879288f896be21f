/**
 * `ObjectLinks` over S3 (or s3rver): presigned GetObject URLs, signed offline with the client's
 * credentials (the function's role on AWS, which may read the bucket). The version id and the
 * `attachment` disposition are part of the signed query, so the link fetches that version only,
 * always as a download.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectLinks } from '../shared/ports';

export function createS3ObjectLinks(s3: S3Client): ObjectLinks {
  return {
    download: (ref, { contentDisposition, expiresInSeconds }) =>
      getSignedUrl(
        s3,
        new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}), ResponseContentDisposition: contentDisposition }),
        { expiresIn: expiresInSeconds },
      ),
  };
}
