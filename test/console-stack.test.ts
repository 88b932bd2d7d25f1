/**
 * The web console's AWS resources (lib/console.ts) on the synthesised template: CloudFront with
 * origin access control reading console/* only, the bucket still private; the Cognito pool
 * (operator-created users, groups editors and readers); the HTTP API's JWT authorizer on every
 * route; each console function's bucket access by prefix; the app deployed under console/ with
 * its config.json; cdk-nag. (Bundling is skipped; test/asset.test.ts runs the real bundle.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BantinStack } from '../lib/bantin-stack.ts';
import { CONSOLE_PREFIX } from '../lib/console.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Action: string | string[]; Effect: string; Resource: unknown; Principal?: unknown; Condition?: Record<string, any> };

/** HTTP API access log variables (API Gateway developer guide, "Customize HTTP API access logs"), those a log line may want. */
const HTTP_API_LOG_VARIABLES = [
  '$context.requestId',
  '$context.extendedRequestId',
  '$context.requestTime',
  '$context.requestTimeEpoch',
  '$context.identity.sourceIp',
  '$context.identity.userAgent',
  '$context.httpMethod',
  '$context.routeKey',
  '$context.path',
  '$context.status',
  '$context.protocol',
  '$context.responseLength',
  '$context.responseLatency',
  '$context.integrationLatency',
  '$context.integrationStatus',
  '$context.integrationErrorMessage',
  '$context.error.message',
  '$context.authorizer.error',
  '$context.authorizer.claims.sub',
  '$context.authorizer.claims.username',
];

const CDK_JSON_CONTEXT = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

let app: App;
let stack: BantinStack;
let template: Template;
let resources: Record<string, Resource>;
let appDir: string;

const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(construct.node.defaultChild as never) });
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const bucketId = () => stack.getLogicalId(stack.bucket.node.defaultChild as never);

/** `<prefix>*` of an object ARN relative to the data bucket; `<other>` for anything else. */
function objectPattern(resource: unknown): string {
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join && JSON.stringify(join[1][0]) === JSON.stringify({ 'Fn::GetAtt': [bucketId(), 'Arn'] })) return String(join[1][1]).replace(/^\//, '');
  if (JSON.stringify(resource) === JSON.stringify({ 'Fn::GetAtt': [bucketId(), 'Arn'] })) return '<bucket>';
  return `<other:${JSON.stringify(resource)}>`;
}

function policyOf(roleOwnerId: string): Statement[] {
  const found = ofType('AWS::IAM::Policy').find(([id]) => id.startsWith(roleOwnerId));
  if (!found) throw new Error(`no policy ${roleOwnerId}`);
  return found[1].Properties.PolicyDocument.Statement as Statement[];
}

/** Object patterns per S3 action of a console function, plus its list prefixes. */
function access(fn: 'Reader' | 'Editor') {
  const byAction: Record<string, string[]> = {};
  let listPrefixes: string[] = [];
  for (const s of policyOf(`Console${fn}FunctionServiceRoleDefaultPolicy`)) {
    for (const action of [s.Action].flat()) {
      expect(action, `${fn}: ${action}`).toMatch(/^s3:(GetObject|PutObject|DeleteObject|ListBucket)$/);
      if (action === 's3:ListBucket') {
        expect(objectPattern(s.Resource)).toBe('<bucket>');
        expect(Object.keys(s.Condition ?? {})).toEqual(['StringLike']);
        listPrefixes = [s.Condition!.StringLike['s3:prefix']].flat();
        continue;
      }
      byAction[action] = [...(byAction[action] ?? []), ...[s.Resource].flat().map(objectPattern)].sort();
    }
  }
  return { read: byAction['s3:GetObject'] ?? [], put: byAction['s3:PutObject'] ?? [], delete: byAction['s3:DeleteObject'] ?? [], list: listPrefixes.sort() };
}

function synth(context: Record<string, unknown> = {}) {
  const a = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } });
  return { a, s: new BantinStack(a, 'Bantin') };
}

beforeAll(() => {
  // A built app, as `npm ci` leaves it in dist/console/.
  appDir = mkdtempSync(path.join(tmpdir(), 'bantin-console-app-'));
  writeFileSync(path.join(appDir, 'index.html'), '<!doctype html><title>bantin</title>');
  ({ a: app, s: stack } = synth({ 'bantin:consoleAppDir': appDir }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

describe('hosting', () => {
  it('serves the app from console/ through CloudFront with origin access control, not an origin access identity', () => {
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const oacs = ofType('AWS::CloudFront::OriginAccessControl');
    expect(oacs).toHaveLength(1);
    expect(oacs[0]![1].Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const distributions = ofType('AWS::CloudFront::Distribution');
    expect(distributions).toHaveLength(1);
    const config = distributions[0]![1].Properties.DistributionConfig;
    const s3 = config.Origins.filter((o: any) => o.S3OriginConfig);
    expect(s3).toHaveLength(1);
    expect(s3[0]).toMatchObject({
      DomainName: { 'Fn::GetAtt': [bucketId(), 'RegionalDomainName'] },
      OriginPath: '/console',
      OriginAccessControlId: { 'Fn::GetAtt': [oacs[0]![0], 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    expect(config.DefaultCacheBehavior).toMatchObject({ TargetOriginId: s3[0].Id, AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https' });
    // The OAC is attached by a property override on the first origin: it must have landed on the S3 one alone.
    expect(config.Origins.filter((o: any) => o.OriginAccessControlId)).toEqual([s3[0]]);
    expect(config.DefaultRootObject).toBe('index.html');
  });

  it('lets only that distribution read, and only console/*; the bucket still blocks all public access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const policies = ofType('AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(1);
    const allows = (policies[0]![1].Properties.PolicyDocument.Statement as Statement[]).filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    const [allow] = allows;
    expect(allow!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allow!.Action).toBe('s3:GetObject');
    expect(objectPattern(allow!.Resource)).toBe(`${CONSOLE_PREFIX}*`);
    const distributionId = ofType('AWS::CloudFront::Distribution')[0]![0];
    expect(JSON.stringify(allow!.Condition)).toBe(
      JSON.stringify({
        StringEquals: { 'AWS:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: distributionId }]] } },
      }),
    );
  });

  it('routes /api/* on the same distribution to the HTTP API: nothing cached, every viewer header but Host (so Authorization) forwarded', () => {
    const config = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0];
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ViewerProtocolPolicy: 'https-only',
    });
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
    const origin = config.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(JSON.stringify(origin.DomainName)).toContain(JSON.stringify(ref(stack.console.api)));
    // SPA routing rewrites app paths only: the API behaviour has no function, so its errors are never index.html.
    expect(api.FunctionAssociations).toBeUndefined();
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('answers with security headers and a content security policy: own files only; connections to itself, Cognito and the bucket (presigned uploads)', () => {
    const config = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0]!;
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const security = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.ContentTypeOptions.Override).toBe(true);
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "connect-src 'self' https://cognito-idp."]) expect(csp).toContain(directive);
    // The presigned upload URLs' host: the data bucket's regional domain name.
    expect(csp).toContain(JSON.stringify({ 'Fn::GetAtt': [bucketId(), 'RegionalDomainName'] }));
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('deploys the built app and a config.json (region, user pool, client) under console/ only, pruning only there', () => {
    const deployments = ofType('Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    const p = deployments[0]![1].Properties;
    expect(p).toMatchObject({ DestinationBucketName: { Ref: bucketId() }, DestinationBucketKeyPrefix: CONSOLE_PREFIX, Prune: true, DistributionPaths: ['/*'], SystemMetadata: { 'cache-control': 'no-cache' } });
    expect(p.SourceObjectKeys).toHaveLength(2);
    // config.json's deploy-time values.
    expect(Object.values(p.SourceMarkers[1])).toEqual([{ Ref: 'AWS::Region' }, ref(stack.console.userPool), ref(stack.console.userPoolClient)]);
    // The copier may write and delete under console/ only, never the uploads and digests.
    const handlerPolicy = ofType('AWS::IAM::Policy').find(([id]) => id.startsWith('CustomCDKBucketDeployment'))![1].Properties.PolicyDocument.Statement as Statement[];
    const dataBucket = handlerPolicy.filter((s) => [s.Resource].flat().some((r) => JSON.stringify(r).includes(bucketId())));
    expect(dataBucket).toHaveLength(1);
    expect([dataBucket[0]!.Resource].flat().map(objectPattern).sort()).toEqual(['<bucket>', `${CONSOLE_PREFIX}*`]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('console app was not built'))).toEqual([]);
  });

  it('writes config.json as the app reads it (ConsoleConfig): Cognito region, pool and client filled in at deploy time, the upload limit', () => {
    const outdir = app.synth().directory;
    const p = ofType('Custom::CDKBucketDeployment')[0]![1].Properties;
    const staged = path.join(outdir, `asset.${String(p.SourceObjectKeys[1]).replace(/\.zip$/, '')}`, 'config.json');
    const config = JSON.parse(readFileSync(staged, 'utf8'));
    const [region, pool, client] = Object.keys(p.SourceMarkers[1]);
    expect(config).toEqual({ auth: { region, userPoolId: pool, clientId: client }, maxUploadBytes: 5242880 });
  });

  it('answers app paths with index.html and leaves files alone (the CloudFront function, run here)', () => {
    const fns = ofType('AWS::CloudFront::Function');
    expect(fns).toHaveLength(1);
    expect(fns[0]![1].Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const handler = new Function(`${fns[0]![1].Properties.FunctionCode}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    const uri = (u: string) => handler({ request: { uri: u } }).uri;
    expect(uri('/periods/2026-03')).toBe('/index.html');
    expect(uri('/')).toBe('/index.html');
    expect(uri('/rejected/')).toBe('/index.html');
    expect(uri('/config.json')).toBe('/config.json');
    expect(uri('/assets/app-3F2A.js')).toBe('/assets/app-3F2A.js');
  });

  it('without a built app, deploys a page saying so and warns at synth', () => {
    const { s } = synth({ 'bantin:consoleAppDir': path.join(appDir, 'missing') });
    expect(Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('console app was not built')).length).toBe(1);
  });

  it('lets browsers PUT presigned uploads to the bucket with their type and metadata headers (CORS)', () => {
    const cors = resources[bucketId()]!.Properties.CorsConfiguration.CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0].AllowedMethods).toContain('PUT');
    expect(cors[0].AllowedHeaders.sort()).toEqual(['content-type', 'x-amz-meta-published-at', 'x-amz-meta-source-url']);
  });

  it('prints the console URL and the user pool id', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.ConsoleUrl!.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [ofType('AWS::CloudFront::Distribution')[0]![0], 'DomainName'] }, '/']] });
    expect(outputs.ConsoleUserPoolId!.Value).toEqual(ref(stack.console.userPool));
    expect(outputs.ConsoleUserPoolClientId!.Value).toEqual(ref(stack.console.userPoolClient));
  });
});

describe('sign-in', () => {
  it('is a Cognito pool without self sign-up, with the groups editors and readers', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true }) },
    });
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, r]) => r.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual(['editors', 'readers']);
    for (const g of groups) expect(g.UserPoolId).toEqual(ref(stack.console.userPool));
  });

  it('has one app client without a secret, signing in with USER_PASSWORD_AUTH (and refresh) only, no OAuth', () => {
    const clients = ofType('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const c = clients[0]![1].Properties;
    expect(c.GenerateSecret).toBe(false);
    expect([...c.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    expect(c.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(c.PreventUserExistenceErrors).toBe('ENABLED');
  });
});

describe('API', () => {
  it('puts the JWT authorizer (the pool as issuer, the app client as audience) on every route', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [ref(stack.console.userPoolClient)],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', ref(stack.console.userPool)]] },
      },
    });
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(['DELETE /api/{proxy+}', 'GET /api/{proxy+}', 'POST /api/{proxy+}', 'PUT /api/{proxy+}']);
    for (const r of routes) expect(r, r.RouteKey).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    const stages = ofType('AWS::ApiGatewayV2::Stage').map(([, r]) => r.Properties);
    expect(stages).toHaveLength(1);
    expect(stages[0]).toMatchObject({ StageName: '$default', AutoDeploy: true, AccessLogSettings: { DestinationArn: expect.anything() } });
    // HTTP API access log variables only (a REST-only one such as $context.resourcePath fails the deploy).
    const variables = [...String(stages[0]!.AccessLogSettings.Format).matchAll(/\$context\.[\w.]+/g)].map((m) => m[0]);
    expect(variables).toContain('$context.requestId');
    for (const v of variables) expect(HTTP_API_LOG_VARIABLES, v).toContain(v);
  });

  it('sends GET to the reader function and POST, PUT, DELETE to the editor function', () => {
    const integrations = Object.fromEntries(ofType('AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, r.Properties]));
    const target = (routeKey: string) => {
      const route = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey)![1].Properties;
      const integrationId = route.Target['Fn::Join'][1][1].Ref as string;
      return JSON.stringify(integrations[integrationId]!.IntegrationUri);
    };
    const fnArn = (f: typeof stack.console.reader) => JSON.stringify({ 'Fn::GetAtt': [stack.getLogicalId(f.fn.node.defaultChild as never), 'Arn'] });
    expect(target('GET /api/{proxy+}')).toBe(fnArn(stack.console.reader));
    for (const m of ['POST', 'PUT', 'DELETE']) expect(target(`${m} /api/{proxy+}`), m).toBe(fnArn(stack.console.editor));
    for (const i of Object.values(integrations)) expect(i.PayloadFormatVersion).toBe('2.0');
  });

  it('runs both functions from the console handler, told their role, with the bucket and the pipeline settings', () => {
    for (const [f, role] of [
      [stack.console.reader, 'reader'],
      [stack.console.editor, 'editor'],
    ] as const) {
      const p = resources[stack.getLogicalId(f.fn.node.defaultChild as never)]!.Properties;
      expect(p.Runtime).toBe('nodejs22.x');
      expect(p.Environment.Variables).toMatchObject({ BANTIN_CONSOLE_ROLE: role, BANTIN_BUCKET: { Ref: bucketId() }, BANTIN_MAX_UPLOAD_BYTES: '5242880' });
      expect(p.Timeout).toBeLessThan(30);
    }
  });
});

describe('least privilege of the console functions', () => {
  it('reader: reads records, state, digests, corrections and uploads (for presigned downloads); writes and deletes nothing', () => {
    const reader = access('Reader');
    expect(reader.read).toEqual(['articles/*', 'corrections/*', 'digests/*', 'incoming/*', 'rejected/*', 'state/*']);
    expect(reader.list).toEqual(reader.read);
    expect(reader.put).toEqual([]);
    expect(reader.delete).toEqual([]);
  });

  it('editor: puts into incoming/ (presigned uploads) and corrections/, deletes rejected uploads and their records; never reads state/, articles/ or digests/', () => {
    const editor = access('Editor');
    expect(editor.put).toEqual(['corrections/*', 'incoming/*']);
    expect(editor.delete).toEqual(['corrections/*', 'incoming/*', 'rejected/*']);
    expect(editor.read).toEqual(['corrections/*', 'incoming/*', 'rejected/*']);
    expect(editor.list).toEqual(editor.read);
    for (const p of ['state/', 'articles/', 'digests/', 'console/']) {
      expect([...editor.read, ...editor.put, ...editor.delete].some((x) => x.startsWith(p)), p).toBe(false);
      expect(editor.list.some((x) => x.startsWith(p)), p).toBe(false);
    }
  });

  it('grants no s3:* and no object access on the whole bucket to either', () => {
    for (const fn of ['Reader', 'Editor'] as const) {
      const statements = policyOf(`Console${fn}FunctionServiceRoleDefaultPolicy`);
      for (const s of statements) {
        expect([s.Action].flat().some((a) => a === 's3:*' || a === '*'), fn).toBe(false);
        expect([s.Resource].flat().some((r) => r === '*'), fn).toBe(false);
        for (const r of [s.Resource].flat()) expect(objectPattern(r)).toMatch(/^(<bucket>|(incoming|corrections|articles|rejected|digests|state)\/\*)$/);
      }
    }
  });
});

describe('cdk-nag', () => {
  it('reports no unacknowledged finding on the console, and every acknowledgement there carries a reason', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${(r as { constructPath?: string }).constructPath ?? r.resourceLogicalId}`));
    expect(findings).toEqual([]);
    const reasons: [string, string][] = [];
    const visit = (c: import('constructs').IConstruct): void => {
      for (const entry of c.node.metadata) {
        if (!String(entry.type).includes('acknowledge')) continue;
        const data = entry.data as Record<string, unknown>;
        if (typeof data.id === 'string') reasons.push([data.id, String(data.reason)]);
        else for (const [id, v] of Object.entries(data)) reasons.push([id, String((v as { reason?: string }).reason ?? v)]);
      }
      c.node.children.forEach(visit);
    };
    visit(stack.console);
    expect(reasons.length).toBeGreaterThan(5);
    for (const [id, reason] of reasons) expect(reason.length, id).toBeGreaterThan(30);
  });
});
