/** Telling a refused condition from a failure. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
