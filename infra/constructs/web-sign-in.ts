import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Where Cognito sends the browser back (functions/web/sign-in.ts answers it), under the web page's URL. */
export const CALLBACK_PATH = '/auth/callback';

export interface WebSignInProps {
  /** The URL the web page is served under, without a trailing slash (the HTTP API's endpoint). */
  readonly baseUrl: string;
  /**
   * The prefix of the managed login domain, `<prefix>.auth.<region>.amazoncognito.com`; unique in
   * the region across all accounts.
   * @default `dateline-<account id>`
   */
  readonly domainPrefix?: string;
  /**
   * How long a sign-in lasts before the managed login is asked again (the ID token's life).
   * @default Duration.hours(8): a working day
   */
  readonly sessionLength?: Duration;
}

/**
 * People sign in to the web page with an Amazon Cognito user pool: accounts are made by an
 * administrator (no self sign-up), sign in with their email, a strong password and a TOTP code,
 * through the pool's managed login. One app client, public (no secret: the api function keeps
 * none), authorization-code grant with PKCE, its callback under the web page's URL.
 */
export class WebSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: WebSignInProps) {
    super(scope, id);
    const sessionLength = props.sessionLength ?? Duration.hours(8);

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      // The readers' accounts outlive the stack, as the records do.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${props.baseUrl}${CALLBACK_PATH}`],
        logoutUrls: [`${props.baseUrl}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: sessionLength,
      accessTokenValidity: sessionLength,
      refreshTokenValidity: Duration.days(1),
    });

    this.domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `dateline-${Stack.of(this).account}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a client's pages only once it has a style: Cognito's own.
    new cognito.CfnManagedLoginBranding(this, 'LoginStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection (advanced security, ENFORCED) needs the Plus feature plan, billed per monthly active user; the pool has no self sign-up, only accounts an administrator creates, and requires a TOTP second factor, which is what stops a guessed or leaked password here. Raise featurePlan to PLUS and turn threat protection on for a larger readership.',
    });
  }

  /** The managed login's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }
}
