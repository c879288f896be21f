import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The routes of the JSON API, IAM-authorised (programs sign with SigV4). API Gateway allows a greedy
 * `{name+}` variable only as the last segment, and article keys contain `/`, so
 * `/articles/{key+}/duplicates` cannot be a route. The JSON API is therefore one catch-all GET
 * route, and the api handler (the same one the local stack serves) does the routing: `/articles`,
 * `/articles/<key>`, `/articles/<key>/duplicates|text|original`, `/entities/<type>/<name>/articles`.
 * Other methods get API Gateway's 404 without invoking anything.
 */
export const JSON_API_ROUTES = ['GET /{proxy+}'] as const;

/**
 * The routes of the web page, for people in a browser: no API Gateway authorizer, because a
 * browser sends no SigV4 signature and no bearer header; the api function sends a browser without a
 * valid Cognito session to the managed login (functions/web/sign-in.ts). More specific than the
 * catch-all, so API Gateway picks them first. A new web page (its path) is added here.
 */
export const WEB_ROUTES = [
  'GET /',
  'GET /article/{proxy+}',
  'GET /entity/{proxy+}',
  'GET /page/{proxy+}',
  'GET /auth/{proxy+}',
  'GET /assets/{proxy+}',
  'GET /favicon.svg',
  'GET /favicon.ico',
] as const;

export const READ_API_ROUTES = [...JSON_API_ROUTES, ...WEB_ROUTES] as const;

/** One JSON object per request, with the caller's IAM identity (the routes are IAM-authorised). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    caller: '$context.identity.caller',
    userArn: '$context.identity.userArn',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export interface ReadApiProps {
  /** The function that answers every route (payload format 2.0). */
  readonly handler: lambda.IFunction;
  /**
   * Steady-state requests per second allowed on the stage.
   * @default 50
   */
  readonly throttlingRateLimit?: number;
  /**
   * Requests allowed in a burst on the stage.
   * @default 100
   */
  readonly throttlingBurstLimit?: number;
  /**
   * How long access logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
}

/**
 * An HTTP API over the read queries: IAM authorisation on every route (callers sign with SigV4),
 * JSON access logs, and throttling on the default stage.
 */
export class ReadApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReadApiProps) {
    super(scope, id);
    const rateLimit = props.throttlingRateLimit ?? 50;
    const burstLimit = props.throttlingBurstLimit ?? 100;
    validate(rateLimit, burstLimit);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
    });

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Dateline read API: article records by key, agency, language, entity and near-duplicates',
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The default stage is created below, where throttling and access logs can be set on it.
      createDefaultStage: false,
    });

    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit, burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const integration = new HttpLambdaIntegration('Handler', props.handler, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    });
    for (const route of JSON_API_ROUTES) {
      const [method, path] = route.split(' ') as [keyof typeof apigw.HttpMethod, string];
      this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod[method]], integration });
    }
    const signedInByTheFunction = new apigw.HttpNoneAuthorizer();
    for (const route of WEB_ROUTES) {
      const [method, path] = route.split(' ') as [keyof typeof apigw.HttpMethod, string];
      for (const added of this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod[method]], integration, authorizer: signedInByTheFunction })) {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route} is a web page route for people in a browser, which sends neither a SigV4 signature nor a bearer header: the api function itself sends a request without a valid Cognito session (an ID token in an HttpOnly cookie, signature and claims checked) to the user pool's managed login; the stylesheet, script and icon are public. The JSON API stays IAM-authorised.`,
        });
      }
    }
  }

  /** The stage's invoke URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}

function validate(rateLimit: number, burstLimit: number): void {
  if (!(rateLimit > 0) || !Number.isInteger(burstLimit) || burstLimit < 1) {
    throw new Error(`ReadApi: throttling needs a positive rate limit and a positive integer burst limit, got ${rateLimit}/${burstLimit}`);
  }
}
