/**
 * Promises about the whole template, checked over every resource rather than the named ones, so
 * that a bucket, queue, table or policy added later is held to them too:
 * - encryption at rest: every resource type that stores data is encrypted; the template holds no
 *   resource type this file has not classified (a new type must be looked at here);
 * - TLS only: every bucket, queue and topic has a policy that denies requests without TLS;
 * - no wildcard without a written reason: every `*` in an IAM action or resource is answered by a
 *   cdk-nag acknowledgement naming exactly that action or resource, with its reason.
 * (test/infra/stack.test.ts checks these for the resources it names; test/infra/nag.test.ts that
 * cdk-nag finds nothing unacknowledged.)
 */
import { Validations } from 'aws-cdk-lib';
import { describe, expect, it, vi } from 'vitest';
import { buildTemplateStack } from '../infra/build';

/** Builds the stack with every cdk-nag acknowledgement recorded (and applied, as usual). */
function buildRecordingAcknowledgements() {
  const acknowledged: { id: string; reason: string }[] = [];
  const original = Validations.prototype.acknowledge;
  const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
    for (const rule of rules) acknowledged.push({ id: rule.id, reason: rule.reason });
    return original.apply(this, rules);
  });
  try {
    return { ...buildTemplateStack(), acknowledged };
  } finally {
    spy.mockRestore();
  }
}

const { template, acknowledged } = buildRecordingAcknowledgements();
const resources = Object.entries(template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, any> }>);

/** Storage and how to tell it is encrypted at rest (or why it always is). */
const STORES: Record<string, (properties: Record<string, any>) => boolean> = {
  'AWS::S3::Bucket': (p) => ['AES256', 'aws:kms', 'aws:kms:dsse'].includes(p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm),
  'AWS::SQS::Queue': (p) => p.SqsManagedSseEnabled === true || p.KmsMasterKeyId !== undefined,
  'AWS::DynamoDB::Table': (p) => p.SSESpecification?.SSEEnabled === true,
  'AWS::DynamoDB::GlobalTable': (p) => p.SSESpecification?.SSEEnabled === true,
  'AWS::SNS::Topic': (p) => p.KmsMasterKeyId !== undefined,
  // CloudWatch Logs encrypts every log group at rest with a service key; a KMS key is optional.
  'AWS::Logs::LogGroup': () => true,
  // Key material never leaves KMS; what matters is that it rotates.
  'AWS::KMS::Key': (p) => p.EnableKeyRotation === true,
  // Lambda encrypts environment variables and code at rest with an AWS managed key.
  'AWS::Lambda::Function': () => true,
  // Athena's query results are written to S3: the workgroup must encrypt them (and enforce it).
  'AWS::Athena::WorkGroup': (p) => p.WorkGroupConfiguration?.ResultConfiguration?.EncryptionConfiguration?.EncryptionOption !== undefined && p.WorkGroupConfiguration?.EnforceWorkGroupConfiguration === true,
  // Cognito encrypts a user pool's data at rest with a service key; there is no switch to turn it off.
  'AWS::Cognito::UserPool': () => true,
};

/** Types that hold no data of their own (configuration, permissions, wiring, monitoring). */
const NOT_STORES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::S3::BucketPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Permission',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::CloudWatch::Alarm',
  'AWS::CDK::Metadata',
  'Custom::S3BucketNotifications',
  // The Glue catalogue holds the mirror's schema only; its rows live in the (encrypted) mirror bucket.
  'AWS::Glue::Database',
  'AWS::Glue::Table',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::ManagedLoginBranding',
]);

describe('encryption at rest', () => {
  it('covers every resource type of the template', () => {
    const unknown = [...new Set(resources.map(([, r]) => r.Type))].filter((type) => !(type in STORES) && !NOT_STORES.has(type));
    expect(unknown, 'classify these types in test/security/template.test.ts').toEqual([]);
  });

  it('is on for every resource that stores data', () => {
    const stores = resources.filter(([, r]) => r.Type in STORES);
    expect(stores.length).toBeGreaterThan(5);
    const unencrypted = stores.filter(([, r]) => !STORES[r.Type]!(r.Properties ?? {})).map(([id, r]) => `${r.Type} ${id}`);
    expect(unencrypted).toEqual([]);
  });
});

describe('TLS only', () => {
  const POLICY_OF: Record<string, { type: string; target: string }> = {
    'AWS::S3::Bucket': { type: 'AWS::S3::BucketPolicy', target: 'Bucket' },
    'AWS::SQS::Queue': { type: 'AWS::SQS::QueuePolicy', target: 'Queues' },
    'AWS::SNS::Topic': { type: 'AWS::SNS::TopicPolicy', target: 'Topics' },
  };

  it('every bucket, queue and topic denies requests that do not use TLS', () => {
    const guarded = resources.filter(([, r]) => r.Type in POLICY_OF);
    expect(guarded.length).toBeGreaterThanOrEqual(5);
    const open = guarded.filter(([id, r]) => {
      const { type, target } = POLICY_OF[r.Type]!;
      return !resources.some(
        ([, policy]) =>
          policy.Type === type &&
          JSON.stringify(policy.Properties?.[target]).includes(`"${id}"`) &&
          (policy.Properties?.PolicyDocument?.Statement as any[]).some(
            (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false' && JSON.stringify(s.Principal).includes('*'),
          ),
      );
    });
    expect(open.map(([id]) => id)).toEqual([]);
  });
});

/** A resource as cdk-nag writes it in a finding id: `<Logical.Arn>/*`, `*`, `arn:...`. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0] as string);
  return JSON.stringify(value);
}

describe('wildcards in IAM', () => {
  it('each `*` in an action or a resource is acknowledged by name, with a written reason', () => {
    const statements = resources.flatMap(([id, r]) => {
      if (r.Type === 'AWS::IAM::Policy') return (r.Properties!.PolicyDocument.Statement as any[]).map((s) => ({ id, s }));
      if (r.Type === 'AWS::IAM::Role') return ((r.Properties!.Policies ?? []) as any[]).flatMap((p) => (p.PolicyDocument.Statement as any[]).map((s) => ({ id, s })));
      return [];
    });
    expect(statements.length).toBeGreaterThan(0);
    const wildcards = statements.flatMap(({ id, s }) => [
      ...[s.Action].flat().filter((a: string) => a.includes('*')).map((a: string) => ({ id, finding: `Action::${a}` })),
      ...[s.Resource].flat().filter((x) => x !== undefined).map(render).filter((x) => x.includes('*')).map((x) => ({ id, finding: `Resource::${x}` })),
    ]);
    // The bucket's objects (ingest reads any key) and X-Ray (no resource-level permissions) at least.
    expect(wildcards.length).toBeGreaterThanOrEqual(2);
    const unanswered = wildcards.filter(({ finding }) => !acknowledged.some((a) => a.id.endsWith(`[${finding}]`) && a.reason.length >= 40));
    expect(unanswered).toEqual([]);
    // And the acknowledgements are not blanket ones: each names the action or resource it answers.
    expect(acknowledged.filter((a) => /IAM5$/.test(a.id))).toEqual([]);
  });
});
