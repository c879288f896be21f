/**
 * Entry of the CDK app (`cdk.json`: `npx tsx infra/app.ts`). The CLI sets CDK_OUTDIR, so the app
 * synthesizes itself when this process exits; cdk-nag runs as a validation plugin during that synth.
 */
import { createApp } from './create-app';

createApp();
