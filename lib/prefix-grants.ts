/**
 * IAM building blocks for access to the bucket by key prefix, shared by the pipeline functions
 * (lib/bantin-stack.ts) and the console functions (lib/console.ts).
 */
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

/**
 * s3:ListBucket (key names only) on the bucket, limited by an `s3:prefix` condition to the
 * prefixes a function reads: it can tell a missing key from a denied one there (S3 answers 403
 * instead of 404 without list permission), and cannot learn key names anywhere else.
 */
export function listPrefixesStatement(bucket: IBucket, prefixes: string[]): PolicyStatement {
  return new PolicyStatement({
    effect: Effect.ALLOW,
    actions: ['s3:ListBucket'],
    resources: [bucket.bucketArn],
    conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
  });
}
