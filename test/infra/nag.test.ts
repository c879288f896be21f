import fs from 'node:fs';
import { Validations, type PolicyViolation } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../infra/create-app';
import { buildTemplateStack, SKIP_BUNDLING } from './build';

const packs = (scope: IConstruct) => [new AwsSolutionsChecks(scope), new ServerlessChecks(scope)];

function findings(scope: IConstruct): { ruleName: string; path: string }[] {
  return packs(scope).flatMap((pack) =>
    pack.validateScope(scope).violations.flatMap((violation: PolicyViolation) =>
      violation.violatingResources.map((r) => ({ ruleName: violation.ruleName, path: r.constructPath ?? '?' })),
    ),
  );
}

/** Builds the stack with `acknowledge` recorded but not applied, to see what each one answers. */
function buildWithAcknowledgementsRecordedOnly() {
  const acknowledged: { path: string; id: string; reason: string }[] = [];
  const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
    const scope = (this as unknown as { scope: IConstruct }).scope;
    for (const rule of rules) acknowledged.push({ path: scope.node.path, id: rule.id, reason: rule.reason });
  });
  try {
    const { stack } = buildTemplateStack();
    return { stack, acknowledged };
  } finally {
    spy.mockRestore();
  }
}

describe('cdk-nag', () => {
  const { stack } = buildTemplateStack();

  it('finds nothing unacknowledged in the AwsSolutions and Serverless packs', () => {
    for (const pack of packs(stack)) {
      const report = pack.validateScope(stack);
      expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
      expect(report.success).toBe(true);
    }
  });

  it('acknowledges one real finding at a time, each with a reason', () => {
    const { stack: bare, acknowledged } = buildWithAcknowledgementsRecordedOnly();
    const raised = findings(bare);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(raised.length).toBeGreaterThan(0);
    for (const ack of acknowledged) {
      // A bare rule id would silence every finding of that rule; IAM findings must name the resource or action.
      if (/-IAM[45]$/.test(ack.id)) throw new Error(`${ack.id} at ${ack.path} acknowledges a whole IAM rule`);
      expect(ack.reason.length, `reason of ${ack.id}`).toBeGreaterThan(60);
      const answered = raised.some((f) => f.ruleName === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
      expect(answered, `${ack.id} at ${ack.path} answers no finding: remove it`).toBe(true);
    }
  });

  it('fails the synth of the app on an unacknowledged finding', () => {
    const { app, stack: withPlainQueue } = createApp({ context: { ...SKIP_BUNDLING } });
    new sqs.Queue(withPlainQueue, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
    } finally {
      vi.mocked(console.error).mockRestore();
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  it('lets the synth of the app pass as it is', () => {
    const { app } = createApp({ context: { ...SKIP_BUNDLING } });
    const assembly = app.synth();
    try {
      expect(assembly.getStackByName('Dateline').template.Resources).toBeDefined();
    } finally {
      fs.rmSync(assembly.directory, { recursive: true, force: true });
    }
  });
});
