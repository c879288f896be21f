import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DatelineStack, type DatelineStackProps } from './dateline-stack';
import { STACK_NAME } from './outputs';
import { REPO_ROOT } from './paths';

export interface CreateAppOptions {
  /** Props of the Dateline stack. */
  readonly stack?: DatelineStackProps;
  /**
   * Context values for the app, e.g. `{ 'aws:cdk:bundling-stacks': [] }` to skip esbuild in tests.
   * @default - none beyond cdk.json's (which the CLI passes in)
   */
  readonly context?: Record<string, unknown>;
  /**
   * Register cdk-nag's AwsSolutions and Serverless packs so that an unacknowledged finding fails
   * the synth. Tests that only read the template turn this off and run the packs themselves.
   * @default true
   */
  readonly nag?: boolean;
}

/**
 * The CDK app with the one `Dateline` stack. Without credentials (offline synth) the stack is
 * environment-agnostic; with them, the CLI's CDK_DEFAULT_ACCOUNT/REGION pin it.
 */
export function createApp(options: CreateAppOptions = {}): { app: App; stack: DatelineStack } {
  const app = new App({ context: { ...cdkJsonContext(), ...options.context } });
  const ingestMaxConcurrency = numberFromContext(app, 'ingestMaxConcurrency');
  const signInDomainPrefix: unknown = app.node.tryGetContext('signInDomainPrefix');
  const stack = new DatelineStack(app, STACK_NAME, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    ...(ingestMaxConcurrency === undefined ? {} : { ingestMaxConcurrency }),
    ...(typeof signInDomainPrefix === 'string' && signInDomainPrefix ? { signInDomainPrefix } : {}),
    ...options.stack,
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  }
  return { app, stack };
}

/** The stack alone, for tests and tools that read its template. */
export function buildStack(props?: DatelineStackProps, context?: Record<string, unknown>): DatelineStack {
  return createApp({ stack: props, context, nag: false }).stack;
}

/** A number given as context (`-c name=20` passes a string, cdk.json or a test a number). */
function numberFromContext(app: App, name: string): number | undefined {
  const value: unknown = app.node.tryGetContext(name);
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new Error(`context ${name} must be a number, got ${JSON.stringify(value)}`);
  return number;
}

/**
 * The feature flags of cdk.json. The CDK CLI passes them to the app; an app built in a test or a
 * tool would otherwise get other defaults and so a different template.
 */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
