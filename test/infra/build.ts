import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildStack } from '../../infra/create-app';
import type { DatelineStack, DatelineStackProps } from '../../infra/dateline-stack';

/** Template tests read the template only: skip esbuild (bundle.test.ts bundles for real). */
export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

export function buildTemplateStack(props?: DatelineStackProps): { stack: DatelineStack; template: Template } {
  const stack = buildStack(props, { ...SKIP_BUNDLING });
  return { stack, template: Template.fromStack(stack) };
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The logical id of an L2 construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The statements of every AWS::IAM::Policy attached to the role with this logical id. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } };
  }[];
  return policies
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** A resource of the template by logical id. */
export function resource(template: Template, id: string): { Type: string; Properties: Record<string, any>; [key: string]: any } {
  const found = template.toJSON().Resources?.[id];
  if (!found) throw new Error(`no resource ${id} in the template`);
  return found;
}
