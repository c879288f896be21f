/**
 * The real AWS event samples in ../shared/fixtures/aws-events, read at run time (they are not ours
 * to copy). Tests skip with a notice when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const awsEventsDir = path.resolve(repoRoot, '../shared/fixtures/aws-events');

export function awsEventFixtures(): { name: string; json: unknown }[] {
  if (!existsSync(awsEventsDir)) {
    console.warn(`AWS event samples not found at ${awsEventsDir}: skipping the tests that read them`);
    return [];
  }
  return readdirSync(awsEventsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(path.join(awsEventsDir, name), 'utf8')) as unknown }));
}
