/**
 * The web console on AWS (README "Web console on AWS"): the single-page app, built into
 * dist/console/, deployed under the bucket's `console/` prefix and served by CloudFront through
 * origin access control (the bucket stays private; CloudFront may read `console/*` and nothing
 * else); `/api/*` on the same distribution goes, uncached and with the Authorization header, to an
 * HTTP API whose JWT authorizer accepts only tokens of this stack's Cognito user pool (no self
 * sign-up: the operator adds users to the groups `editors` and `readers`). Behind it, one handler
 * file runs as two functions: a reader (GET routes, read-only) and an editor (POST, PUT, DELETE:
 * presigned uploads into `incoming/`, corrections, deleting rejected uploads), each granted only
 * its prefixes. Browsers upload and download straight to and from S3 with presigned URLs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  CfnDistribution,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AccountRecovery, Mfa, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Effect, PolicyStatement, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { HttpMethods, type Bucket, type CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { ConsoleConfig, ConsoleGroup } from '../lambda/console/contract.ts';
import { configToEnv } from '../lambda/pipeline/config.ts';
import { ARTICLES, CORRECTIONS, DIGESTS, INCOMING, REJECTED, STATE } from '../lambda/pipeline/keys.ts';
import { BantinFunction, PROJECT_ROOT } from './bantin-function.ts';
import { listPrefixesStatement } from './prefix-grants.ts';
import type { BantinSettings } from './settings.ts';

/** The app's own prefix in the bucket: CloudFront reads only below it, the pipeline never touches it. */
export const CONSOLE_PREFIX = 'console/';
/** Where the app's build (esbuild, at `npm ci`) puts the files to deploy. */
export const CONSOLE_APP_DIR = path.join(PROJECT_ROOT, 'dist/console');
export const CONSOLE_GROUPS: readonly ConsoleGroup[] = ['editors', 'readers'];

/** Metadata headers a browser sends with a presigned upload (see lambda/console/s3-signer.ts). */
const UPLOAD_HEADERS = ['content-type', 'x-amz-meta-source-url', 'x-amz-meta-published-at'];

/** Bucket access of a console function, by key prefix. */
interface PrefixAccess {
  /** GetObject, and ListBucket limited to these prefixes (so a missing key is told from a denied one). */
  read: string[];
  put: string[];
  delete: string[];
}

/** Reader: everything the GET routes show or hand out as a presigned download (rejected originals live in incoming/). */
export const READER_ACCESS: PrefixAccess = { read: [ARTICLES, REJECTED, STATE, DIGESTS, CORRECTIONS, INCOMING], put: [], delete: [] };
/**
 * Editor: presigned uploads into incoming/ (the URL carries the function's own right to put),
 * corrections written and deleted, a rejected upload and its rejection record deleted; it reads
 * only what it changes (to check a key before changing it), never articles/, state/ or digests/.
 */
export const EDITOR_ACCESS: PrefixAccess = { read: [INCOMING, REJECTED, CORRECTIONS], put: [INCOMING, CORRECTIONS], delete: [INCOMING, CORRECTIONS, REJECTED] };

/** One JSON line per API request, from HTTP API ($context) variables only: who (the token's `sub`), what, how it ended. */
const API_ACCESS_LOG = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  sub: '$context.authorizer.claims.sub',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * SPA routing: a path without a file extension (a page of the app, e.g. /periods/2026-03) is
 * answered with index.html; files keep their own paths. Runs on the app behaviour only, so
 * /api/* answers, errors included, are never rewritten.
 */
const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = '/index.html';
  return request;
}`;

export interface BantinConsoleProps {
  bucket: Bucket;
  settings: BantinSettings;
  /** The built app; defaults to the context value `bantin:consoleAppDir`, then dist/console/. */
  appDir?: string;
}

export class BantinConsole extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly api: HttpApi;
  readonly distribution: Distribution;
  readonly reader: BantinFunction;
  readonly editor: BantinFunction;
  private readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: BantinConsoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { bucket, settings } = props;
    this.bucket = bucket;

    // --- Sign-in: Cognito, users added by the operator only.
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: `${stack.stackName}-console`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(7) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OFF,
      userInvitation: {
        emailSubject: 'bantin: tài khoản của anh/chị',
        emailBody: 'Tên đăng nhập: {username}<br>Mật khẩu tạm: {####}<br>Đăng nhập trang bantin và đổi mật khẩu.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'The console signs in with USER_PASSWORD_AUTH from a small app; MFA is off so a user never meets a challenge the app cannot answer. Accounts exist only when the operator creates them, passwords are long and mixed; an operator who needs MFA enables TOTP and extends the app.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan is billed per monthly active user and adds threat protection, not needed for a handful of operator-created staff accounts with strong passwords (see COG3).',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection (advanced security) needs the Cognito Plus feature plan, billed per active user; a handful of operator-created staff accounts behind strong passwords do not warrant it.',
    });
    const groups: Record<ConsoleGroup, string> = {
      editors: 'Upload articles, write corrections, delete rejected uploads (and everything readers do).',
      readers: 'View digests, periods, uploads and rejections; download digests.',
    };
    for (const name of CONSOLE_GROUPS) this.userPool.addGroup(`Group-${name}`, { groupName: name, description: groups[name] });

    // Choice: USER_PASSWORD_AUTH only (the app posts InitiateAuth with fetch over TLS; Cognito
    // sees the password, as it does at every sign-in anyway). SRP would keep the password off
    // the wire but needs an SRP implementation in the app; it is not enabled because nothing
    // uses it: an unused flow is only surface. Enable `userSrp` here when an app needs it.
    this.userPoolClient = this.userPool.addClient('App', {
      userPoolClientName: 'bantin-console',
      generateSecret: false,
      authFlows: { userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    // --- The two API functions, one handler file, each with only its prefixes.
    const environment = { BANTIN_BUCKET: bucket.bucketName, ...configToEnv(settings) };
    const consoleFunction = (fnId: string, role: 'reader' | 'editor', description: string): BantinFunction =>
      new BantinFunction(this, fnId, {
        handlerFile: 'console-api.ts',
        description,
        memorySize: 512,
        // API Gateway gives up after 30 s.
        timeout: Duration.seconds(25),
        environment: { ...environment, BANTIN_CONSOLE_ROLE: role },
      });
    this.reader = consoleFunction('Reader', 'reader', 'bantin console API, GET routes: reads records, state, digests, corrections; presigns downloads');
    this.editor = consoleFunction('Editor', 'editor', 'bantin console API, POST/PUT/DELETE routes: presigns uploads into incoming/, writes corrections, deletes rejected uploads');
    this.grant(this.reader, READER_ACCESS);
    this.grant(this.editor, EDITOR_ACCESS);

    // --- HTTP API: every route behind the Cognito JWT authorizer.
    const authorizer = new HttpUserPoolAuthorizer('Cognito', this.userPool, { userPoolClients: [this.userPoolClient] });
    this.api = new HttpApi(this, 'Api', {
      apiName: `${stack.stackName}-console`,
      description: 'bantin console API (served as /api/* of the console distribution)',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 25, burstLimit: 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(API_ACCESS_LOG)),
      },
    });
    this.api.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('ReaderIntegration', this.reader.fn) });
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE],
      integration: new HttpLambdaIntegration('EditorIntegration', this.editor.fn),
    });

    // --- CloudFront: the app from console/ (OAC), /api/* to the API.
    const oac = new S3OriginAccessControl(this, 'AppOriginAccess', { description: 'bantin console app: reads console/ of the bucket', signing: Signing.SIGV4_ALWAYS });
    // The managed security headers plus a content security policy: the app's own files only, and
    // connections to itself, Cognito's sign-in endpoint and the bucket's presigned URLs (uploads).
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'bantin console: security headers and content security policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            `connect-src 'self' https://cognito-idp.${stack.region}.${stack.urlSuffix} https://${bucket.bucketRegionalDomainName}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
          ].join('; '),
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${stack.stackName} console`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes Asia (Viet Nam), leaves out the dearest edge locations.
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        // Bucket defaults: no origin access identity; the OAC is attached below, the read grant is console/* only.
        origin: S3BucketOrigin.withBucketDefaults(bucket, { originPath: `/${CONSOLE_PREFIX.replace(/\/$/, '')}` }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'SpaRouting', { code: FunctionCode.fromInline(SPA_ROUTING), runtime: FunctionRuntime.JS_2_0, comment: 'bantin console: app paths to index.html' }),
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(`${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Nothing cached; every viewer header but Host (API Gateway routes by its own host) goes
          // through, Authorization included (allowed in an origin request policy when caching is disabled).
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    const cfnDistribution = this.distribution.node.defaultChild as CfnDistribution;
    cfnDistribution.addPropertyOverride('DistributionConfig.Origins.0.OriginAccessControlId', oac.originAccessControlId);
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ConsoleAppThroughCloudFront',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${CONSOLE_PREFIX}*`)],
        conditions: { StringEquals: { 'AWS:SourceArn': stack.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: this.distribution.distributionId }) } },
      }),
    );
    this.acknowledgeDistribution();

    // Browsers PUT presigned uploads (and may fetch presigned downloads) straight to S3. Any
    // origin: the signature is the authorisation (anyone holding a URL can use it with curl
    // anyway) and no cookie is involved; naming the distribution's domain here would make the
    // bucket depend on the distribution, which depends on the bucket.
    bucket.addCorsRule({ allowedMethods: [HttpMethods.PUT, HttpMethods.GET], allowedOrigins: ['*'], allowedHeaders: UPLOAD_HEADERS, exposedHeaders: ['etag'], maxAge: 3600 });

    // --- The app and its config.json, deployed under console/ only.
    const config: ConsoleConfig = {
      auth: { region: stack.region, userPoolId: this.userPool.userPoolId, clientId: this.userPoolClient.userPoolClientId },
      maxUploadBytes: settings.maxUploadBytes,
    };
    new BucketDeployment(this, 'App', {
      destinationBucket: prefixScoped(bucket, CONSOLE_PREFIX),
      destinationKeyPrefix: CONSOLE_PREFIX,
      sources: [this.appSource(props.appDir ?? (this.node.tryGetContext('bantin:consoleAppDir') as string | undefined) ?? CONSOLE_APP_DIR), Source.jsonData('config.json', config)],
      // Removes files of an earlier build, under console/ only.
      prune: true,
      // Browsers revalidate (a 304 when unchanged), so a deploy shows at the next page load.
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    this.acknowledgeDeployment();

    new CfnOutput(stack, 'ConsoleUrl', { value: `https://${this.distribution.distributionDomainName}/`, description: 'The web console' });
    new CfnOutput(stack, 'ConsoleUserPoolId', { value: this.userPool.userPoolId, description: 'Add console users here (README: Web console on AWS)' });
    new CfnOutput(stack, 'ConsoleUserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  /** The built app, or (when it was not built) a page saying so, with a synth warning. */
  private appSource(dir: string): ISource {
    if (existsSync(path.join(dir, 'index.html'))) return Source.asset(dir);
    Annotations.of(this).addWarningV2(
      'bantin:console-not-built',
      `The console app was not built (${path.relative(PROJECT_ROOT, dir)}/index.html is missing; npm ci builds it); a page saying so is deployed instead.`,
    );
    return Source.data(
      'index.html',
      '<!doctype html><meta charset="utf-8"><title>bantin</title><p>The bantin console was not built when this stack was deployed: run <code>npm ci</code>, then <code>npx cdk deploy</code> again.</p>',
    );
  }

  private grant(fn: BantinFunction, access: PrefixAccess): void {
    const grantee: IGrantable = fn.fn;
    const objects = (prefixes: string[]) => prefixes.map((p) => this.bucket.arnForObjects(`${p}*`));
    const bucketId = Stack.of(this).resolve((this.bucket.node.defaultChild as CfnBucket).logicalId) as string;
    for (const prefix of new Set([...access.read, ...access.put, ...access.delete])) {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason: `Object access is scoped to the key prefix ${prefix} of the bucket, the narrowest scope for objects named at run time (by the router, from the request).`,
      });
    }
    const statements: [string[], string[]][] = [
      [['s3:GetObject'], access.read],
      [['s3:PutObject'], access.put],
      [['s3:DeleteObject'], access.delete],
    ];
    grantee.grantPrincipal.addToPrincipalPolicy(listPrefixesStatement(this.bucket, access.read));
    for (const [actions, prefixes] of statements) {
      if (prefixes.length > 0) grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: objects(prefixes) }));
    }
  }

  private acknowledgeDistribution(): void {
    const d = Validations.of(this.distribution);
    d.acknowledge({
      id: 'AwsSolutions-CFR7',
      reason:
        'The S3 origin does use origin access control: it is attached by a property override (so the bucket policy can grant console/* only), which cdk-nag does not see; test/console-stack.test.ts asserts the OAC on the synthesised origin.',
    });
    d.acknowledge({ id: 'AwsSolutions-CFR1', reason: 'The console is for staff who may travel; sign-in is required for every API call, so a geographic restriction would add friction without protecting data.' });
    d.acknowledge({ id: 'AwsSolutions-CFR2', reason: 'The app is static files and every API call needs a Cognito token checked by API Gateway (throttled per stage); a web ACL costs more per month than the whole deployment for a handful of staff users.' });
    d.acknowledge({ id: 'AwsSolutions-CFR3', reason: 'Standard CloudFront logs need a log bucket with ACLs; the API requests that matter are in the HTTP API access log group, and the static files carry no data.' });
    d.acknowledge({ id: 'AwsSolutions-CFR4', reason: 'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the viewer TLS policy; with a custom domain and certificate set minimumProtocolVersion TLSv1.2_2021.' });
  }

  private acknowledgeDeployment(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) return;
    const v = Validations.of(handler);
    v.acknowledge({ id: 'AwsSolutions-L1', reason: 'CDK-provided BucketDeployment handler (runs at deploy time only); its runtime is chosen and updated with aws-cdk-lib.' });
    v.acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK-provided BucketDeployment handler that copies the console app at deploy time; the managed policy only allows writing its logs.',
    });
    const bucketId = stack.resolve((this.bucket.node.defaultChild as CfnBucket).logicalId) as string;
    const findings: [string, string][] = [
      ['Action::s3:GetBucket*', 'reads the destination bucket\'s location and settings, as the AWS CLI sync it runs needs'],
      ['Action::s3:GetObject*', 'reads the CDK asset zips of this deployment and compares the objects already under console/'],
      ['Action::s3:List*', 'lists the asset and destination buckets to sync and prune console/'],
      ['Action::s3:Abort*', 'aborts its own multipart uploads of large app files'],
      ['Action::s3:DeleteObject*', 'prunes files of an earlier app build, under console/ only'],
      [`Resource::<${bucketId}.Arn>/console/*`, 'object access to the data bucket is scoped to console/, the app\'s own prefix (see prefixScoped)'],
      ['Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', 'reads the app zip from the CDK bootstrap asset bucket, whose object names are content hashes'],
      ['Resource::*', 'creates and waits for the CloudFront invalidation after a deploy; CloudFront invalidation actions take no resource-level scope'],
    ];
    for (const [finding, why] of findings) {
      v.acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: `CDK-provided BucketDeployment handler (deploy time only): ${why}.` });
    }
  }
}

/**
 * The bucket as BucketDeployment sees it: its grants cover `<prefix>*` only, not every object.
 * (BucketDeployment grants its handler read and write on the whole destination bucket; this
 * bucket holds the uploads and digests, which a deploy-time copier must not be able to touch.)
 */
function prefixScoped(bucket: IBucket, prefix: string): IBucket {
  return Object.create(bucket, {
    grantReadWrite: { value: (identity: IGrantable) => bucket.grantReadWrite(identity, `${prefix}*`) },
    grantPutAcl: { value: (identity: IGrantable) => bucket.grantPutAcl(identity, `${prefix}*`) },
  }) as IBucket;
}
