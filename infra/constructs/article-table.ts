import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE, type IndexProjection, type KeyAttribute, type TableDefinition } from '../../shared/table';

export interface ArticleTableProps {
  /**
   * The keys, GSIs and TTL attribute. The local stack builds its table from the same value.
   * @default TABLE from shared/table.ts
   */
  readonly definition?: TableDefinition;
}

/**
 * The DynamoDB table of article records, built from the shared definition: nothing about keys,
 * indexes or their projections is restated here. On-demand, point-in-time recovery, encrypted with the AWS managed key
 * (key use shows in CloudTrail; DynamoDB caches the data key, so the KMS cost is negligible),
 * deletion protection on and retained when the stack is deleted: the records are the product.
 */
export class ArticleTable extends Construct {
  readonly table: dynamodb.Table;
  readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, props: ArticleTableProps = {}) {
    super(scope, id);
    this.definition = props.definition ?? TABLE;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: toAttribute(this.definition.partitionKey),
      sortKey: toAttribute(this.definition.sortKey),
      timeToLiveAttribute: this.definition.timeToLiveAttribute,
      // The projector (functions/projector.ts) reads every change of the article items from it.
      stream: dynamodb.StreamViewType[this.definition.streamView],
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of this.definition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: toAttribute(index.partitionKey),
        sortKey: toAttribute(index.sortKey),
        ...toProjection(index.projection),
      });
    }
  }

  /**
   * The ARN of every GSI, one by one. Granting on these instead of `<table>/index/*` keeps IAM
   * statements free of wildcards and a new index from being readable before it is granted.
   */
  indexArns(): string[] {
    return this.definition.globalSecondaryIndexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
  }
}

const ATTRIBUTE_TYPE: Record<KeyAttribute['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
};

const PROJECTION_TYPE: Record<IndexProjection['type'], dynamodb.ProjectionType> = {
  INCLUDE: dynamodb.ProjectionType.INCLUDE,
  KEYS_ONLY: dynamodb.ProjectionType.KEYS_ONLY,
  ALL: dynamodb.ProjectionType.ALL,
};

function toProjection(projection: IndexProjection): { projectionType: dynamodb.ProjectionType; nonKeyAttributes?: string[] } {
  return {
    projectionType: PROJECTION_TYPE[projection.type],
    ...(projection.type === 'INCLUDE' ? { nonKeyAttributes: [...projection.nonKeyAttributes] } : {}),
  };
}

function toAttribute(attribute: KeyAttribute): dynamodb.Attribute {
  return { name: attribute.name, type: ATTRIBUTE_TYPE[attribute.type] };
}
