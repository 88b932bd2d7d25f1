/**
 * The CDK stack: resources, wiring and least privilege asserted on the synthesised template,
 * and cdk-nag's AwsSolutions checks with every finding either fixed or acknowledged with a reason.
 * (Bundling is skipped here; test/asset.test.ts runs the real bundles.)
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { BantinStack } from '../lib/bantin-stack.ts';

type Statement = { Action: string | string[]; Effect: string; Resource: unknown; Condition?: unknown };
type Resources = Record<string, { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> }>;

/** cdk.json's context: the bantin settings and the recommended feature flags, as `cdk synth` sees them. */
const CDK_JSON_CONTEXT = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;
const RECOMMENDED_FLAGS = JSON.parse(readFileSync(new URL('../node_modules/aws-cdk-lib/recommended-feature-flags.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function synth(context: Record<string, unknown> = {}): { app: App; stack: BantinStack; template: Template } {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new BantinStack(app, 'Bantin');
  return { app, stack, template: Template.fromStack(stack) };
}

let template: Template;
let resources: Resources;
let stack: BantinStack;
let app: App;

/** Object-level resources of a policy statement, as `<prefix>*` strings relative to the bucket. */
function objectPatterns(resource: unknown): string[] {
  const list = Array.isArray(resource) ? resource : [resource];
  return list.map((r) => {
    const join = (r as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return String(join[1].at(-1)).replace(/^\//, '');
    const att = (r as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
    if (att) return `<${att.join('.')}>`;
    return String(r);
  });
}

function statementsOfFunction(fnLogicalIdPrefix: string): Statement[] {
  const policy = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith(`${fnLogicalIdPrefix}FunctionServiceRoleDefaultPolicy`));
  if (!policy) throw new Error(`no policy for ${fnLogicalIdPrefix}`);
  return policy[1].Properties.PolicyDocument.Statement as Statement[];
}

function s3Access(fnLogicalIdPrefix: string): { read: string[]; write: string[]; list: boolean; listPrefixes: string[]; actions: string[] } {
  const out = { read: [] as string[], write: [] as string[], list: false, listPrefixes: [] as string[], actions: [] as string[] };
  for (const s of statementsOfFunction(fnLogicalIdPrefix)) {
    const actions = [s.Action].flat();
    const s3 = actions.filter((a) => a.startsWith('s3:'));
    out.actions.push(...s3);
    if (s3.includes('s3:ListBucket')) {
      out.list = true;
      // Every ListBucket grant is on the bucket and carries an s3:prefix condition.
      expect(s.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Bucket/), 'Arn'] });
      const prefixes = (s.Condition as { StringLike?: Record<string, string | string[]> } | undefined)?.StringLike?.['s3:prefix'];
      expect(prefixes, 'ListBucket without an s3:prefix condition').toBeDefined();
      expect(Object.keys(s.Condition as object)).toEqual(['StringLike']);
      out.listPrefixes.push(...[prefixes!].flat());
    }
    if (s3.includes('s3:GetObject')) out.read.push(...objectPatterns(s.Resource));
    if (s3.includes('s3:PutObject')) out.write.push(...objectPatterns(s.Resource));
  }
  return out;
}

beforeAll(() => {
  ({ app, stack, template } = synth());
  resources = template.toJSON().Resources as Resources;
});

describe('bucket', () => {
  it('is private, TLS-only, S3-encrypted, versioned, and expires noncurrent versions after the configured days', () => {
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 }, Status: 'Enabled' })]) },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('notifies the ingest queue of created and removed objects under incoming/ and corrections/ only', () => {
    const notifications = Object.values(resources).filter((r) => r.Type === 'Custom::S3BucketNotifications');
    expect(notifications).toHaveLength(1);
    const config = notifications[0]!.Properties.NotificationConfiguration;
    expect(config.LambdaFunctionConfigurations ?? []).toEqual([]);
    expect(config.TopicConfigurations ?? []).toEqual([]);
    const queues = config.QueueConfigurations as { Events: string[]; Filter: { Key: { FilterRules: { Name: string; Value: string }[] } }; QueueArn: unknown }[];
    const byPrefix = (prefix: string) => queues.filter((q) => q.Filter.Key.FilterRules[0]!.Value === prefix).flatMap((q) => q.Events).sort();
    expect(byPrefix('incoming/')).toEqual(['s3:ObjectCreated:*', 's3:ObjectRemoved:*']);
    expect(byPrefix('corrections/')).toEqual(['s3:ObjectCreated:*', 's3:ObjectRemoved:*']);
    expect(queues).toHaveLength(4);
    for (const q of queues) {
      expect(q.Filter.Key.FilterRules).toHaveLength(1);
      expect(q.Filter.Key.FilterRules[0]!.Name).toBe('prefix');
      expect(q.QueueArn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.ingestQueue.node.defaultChild as never), 'Arn'] });
    }
  });

  it('is retained when the stack is destroyed (uploads and digests outlive the stack), and refuses TLS below 1.2', () => {
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } })]),
      },
    });
  });

  it('takes its name and lifecycle from context', () => {
    const { template: t } = synth({ 'bantin:bucketName': 'bantin-test-bucket', 'bantin:noncurrentVersionDays': 30 });
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'bantin-test-bucket',
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } })]) },
    });
  });
});

describe('queue and functions', () => {
  it('feeds the ingest Lambda in batches with partial-batch failure reporting, dead-lettering after 5 receives', () => {
    const dlq = stack.getLogicalId(stack.deadLetterQueue.node.defaultChild as never);
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
      SqsManagedSseEnabled: true,
    });
    const redrive = Object.values(resources).flatMap((r) => (r.Type === 'AWS::SQS::Queue' && r.Properties.RedrivePolicy ? [r.Properties.RedrivePolicy] : []));
    expect(redrive.length).toBeGreaterThan(0);
    for (const policy of redrive) expect(policy.maxReceiveCount).toBeGreaterThanOrEqual(5);
    // Ingest queue -> ingest; render queue and render-period queue -> render.
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [stack.getLogicalId(stack.ingestQueue.node.defaultChild as never), 'Arn'] },
      FunctionName: { Ref: stack.getLogicalId(stack.ingest.fn.node.defaultChild as never) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    // Visibility timeout six times the ingest timeout (2 min), so a slow batch is not redelivered mid-run.
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 720, MessageRetentionPeriod: 4 * 24 * 3600 });
    // All five queues (ingest, its DLQ, render, render-period and its DLQ) refuse plain HTTP.
    const queuePolicies = Object.values(resources).filter((r) => r.Type === 'AWS::SQS::QueuePolicy');
    expect(queuePolicies).toHaveLength(5);
    for (const qp of queuePolicies) {
      expect(JSON.stringify(qp.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('runs every bantin Lambda on Node.js 22, arm64, JSON logs; the renderer alone, once at a time', () => {
    const functions = [stack.ingest, stack.render, stack.finalise].map((f) => resources[stack.getLogicalId(f.fn.node.defaultChild as never)]!);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig.LogFormat).toBe('JSON');
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.Environment.Variables.BANTIN_BUCKET).toEqual({ Ref: stack.getLogicalId(stack.bucket.node.defaultChild as never) });
    }
    expect(functions[1]!.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(functions[1]!.Properties.Environment.Variables.BANTIN_ASSETS_DIR).toBe('/var/task');
    expect(functions[0]!.Properties.Environment.Variables).toMatchObject({
      BANTIN_MAX_UPLOAD_BYTES: '5242880',
      BANTIN_PERIODS: 'month,quarter,half,year',
      BANTIN_LANGUAGE: 'vi',
      BANTIN_TIME_ZONE: 'Asia/Ho_Chi_Minh',
    });
  });

  it('gives the render the report issuer and place from context (bantin:issuer, bantin:place), none by default', () => {
    const renderEnv = (template: Template) =>
      Object.values(template.toJSON().Resources as Record<string, any>).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.BANTIN_ASSETS_DIR)!.Properties.Environment.Variables;
    expect(renderEnv(synth().template)).not.toHaveProperty('BANTIN_ISSUER');
    const env = renderEnv(synth({ 'bantin:issuer': 'Đảng ủy Sở Thông tin và Truyền thông', 'bantin:place': 'Hà Tĩnh' }).template);
    expect(env).toMatchObject({ BANTIN_ISSUER: 'Đảng ủy Sở Thông tin và Truyền thông', BANTIN_PLACE: 'Hà Tĩnh' });
  });

  it('gives the render the summary cap from context (bantin:summaryMeetings), the code default otherwise', () => {
    const renderEnv = (template: Template) =>
      Object.values(template.toJSON().Resources as Record<string, any>).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.BANTIN_ASSETS_DIR)!.Properties.Environment.Variables;
    expect(renderEnv(synth().template)).not.toHaveProperty('BANTIN_SUMMARY_MEETINGS');
    expect(renderEnv(synth({ 'bantin:summaryMeetings': 500 }).template)).toMatchObject({ BANTIN_SUMMARY_MEETINGS: '500' });
    expect(() => synth({ 'bantin:summaryMeetings': 'many' })).toThrow(/bantin:summaryMeetings must be a positive integer/);
  });

  it('has no schedule firing every minute: the ingest wakes the render through a delayed render queue; render sweep and finaliser hourly', () => {
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    for (const r of rules) expect(r.Properties.ScheduleExpression).not.toMatch(/^rate\((1 minute|\d+ minutes)\)$|^cron\(\* /);
    const target = (fn: typeof stack.render) => ({ 'Fn::GetAtt': [stack.getLogicalId(fn.fn.node.defaultChild as never), 'Arn'] });
    const schedulesOf = (fn: typeof stack.render) => rules.filter((r) => JSON.stringify(r.Properties.Targets[0].Arn) === JSON.stringify(target(fn))).map((r) => r.Properties.ScheduleExpression);
    expect(schedulesOf(stack.render)).toEqual(['rate(1 hour)']);
    expect(schedulesOf(stack.finalise)).toEqual(['rate(1 hour)']);

    const renderQueue = stack.getLogicalId(stack.renderQueue.node.defaultChild as never);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [renderQueue, 'Arn'] },
      FunctionName: { Ref: stack.getLogicalId(stack.render.fn.node.defaultChild as never) },
      BatchSize: 10,
    });
    // Visible no sooner than the render may run again; kept no longer than the sweep makes redundant.
    expect(resources[renderQueue]!.Properties).toMatchObject({ VisibilityTimeout: 660, MessageRetentionPeriod: 7200, SqsManagedSseEnabled: true });
    // The ingest may send to it (and knows where); both functions know the debounce.
    const ingestFn = resources[stack.getLogicalId(stack.ingest.fn.node.defaultChild as never)]!.Properties;
    const renderFn = resources[stack.getLogicalId(stack.render.fn.node.defaultChild as never)]!.Properties;
    expect(ingestFn.Environment.Variables.BANTIN_RENDER_QUEUE_URL).toEqual({ Ref: renderQueue });
    expect(ingestFn.Environment.Variables.BANTIN_DEBOUNCE_SECONDS).toBe('60');
    expect(renderFn.Environment.Variables.BANTIN_DEBOUNCE_SECONDS).toBe('60');
    const send = statementsOfFunction('Ingest').find((st) => [st.Action].flat().includes('sqs:SendMessage'));
    expect(send?.Resource).toEqual({ 'Fn::GetAtt': [renderQueue, 'Arn'] });
    // The render sends only to its own render-period queue (the render split), never to the render queue.
    const renderSends = statementsOfFunction('Render').filter((st) => [st.Action].flat().includes('sqs:SendMessage'));
    expect(renderSends.map((st) => st.Resource)).toEqual([{ 'Fn::GetAtt': [stack.getLogicalId(stack.renderPeriodQueue.node.defaultChild as never), 'Arn'] }]);
    // SQS caps the delivery delay at 15 minutes.
    const slow = synth({ 'bantin:debounceSeconds': 3600 }).template.toJSON().Resources as Resources;
    const slowEnv = Object.values(slow).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.BANTIN_DEBOUNCE_SECONDS);
    expect(slowEnv.map((r) => r.Properties.Environment.Variables.BANTIN_DEBOUNCE_SECONDS)).toEqual(['900', '900', '900']);
  });
});

describe('render split: one period per invocation', () => {
  it('a FIFO render-period queue feeds the render one message at a time, with a FIFO dead-letter queue after 5 receives', () => {
    const queue = stack.getLogicalId(stack.renderPeriodQueue.node.defaultChild as never);
    const dlq = stack.getLogicalId(stack.renderPeriodDeadLetterQueue.node.defaultChild as never);
    const renderFn = stack.getLogicalId(stack.render.fn.node.defaultChild as never);
    expect(resources[queue]!.Properties).toMatchObject({
      FifoQueue: true,
      // At least the render's timeout (10 min), as Lambda requires of an event source.
      VisibilityTimeout: 660,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(resources[dlq]!.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionName: { Ref: renderFn },
      BatchSize: 1,
    });
    // The render (the run that dispatches) knows the queue; the ingest neither knows nor sends to it.
    expect(resources[renderFn]!.Properties.Environment.Variables.BANTIN_RENDER_PERIOD_QUEUE_URL).toEqual({ Ref: queue });
    const ingestFn = resources[stack.getLogicalId(stack.ingest.fn.node.defaultChild as never)]!.Properties;
    expect(ingestFn.Environment.Variables).not.toHaveProperty('BANTIN_RENDER_PERIOD_QUEUE_URL');
    expect(statementsOfFunction('Ingest').some((st) => JSON.stringify(st.Resource).includes(queue))).toBe(false);
  });

  it('the render may write month summaries and meetings files, and list what readSummaries lists', () => {
    const render = s3Access('Render');
    expect(render.write).toEqual(expect.arrayContaining(['state/summaries/*', 'state/meetings/*']));
    const allows = (patterns: string[], prefix: string) => patterns.some((p) => (p.endsWith('*') ? prefix.startsWith(p.slice(0, -1)) : prefix === p));
    for (const p of ['state/summaries/', 'state/months/']) expect(allows(render.listPrefixes, p), p).toBe(true);
  });
});

describe('least privilege', () => {
  it('never grants bucket-wide object access', () => {
    for (const fn of ['Ingest', 'Render', 'Finalise']) {
      const access = s3Access(fn);
      for (const pattern of [...access.read, ...access.write]) expect(pattern).toMatch(/^(incoming|corrections|articles|rejected|digests|state)\/([a-z-]+\/)*\*$/);
      expect(access.actions.every((a) => ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'].includes(a))).toBe(true);
      expect(access.list).toBe(true);
    }
  });

  it('ingest reads uploads and corrections and writes records and state, never digests, uploads or corrections', () => {
    const ingest = s3Access('Ingest');
    expect(ingest.read.sort()).toEqual(['corrections/*', 'incoming/*', 'state/uploads/*']);
    expect(ingest.write.sort()).toEqual(['articles/*', 'rejected/*', 'state/corrections/*', 'state/dirty/*', 'state/members/*', 'state/uploads/*']);
  });

  it('render reads records, corrections, state and digests, writes digests and its own state, never touches uploads', () => {
    const render = s3Access('Render');
    // digests/ read: a render whose period moved on copies the newer generation to the stable keys.
    expect(render.read.sort()).toEqual(['articles/*', 'corrections/*', 'digests/*', 'rejected/*', 'state/*']);
    expect(render.write.some((p) => p.startsWith('corrections/'))).toBe(false);
    expect(render.write.sort()).toEqual(['digests/*', 'state/dirty/months/*', 'state/dirty/periods/*', 'state/meetings/*', 'state/months/*', 'state/periods/*', 'state/summaries/*']);
    expect([...render.read, ...render.write].some((p) => p.startsWith('incoming/'))).toBe(false);
  });

  it('finalise only reads period status and writes dirty markers', () => {
    const finalise = s3Access('Finalise');
    expect(finalise.read).toEqual(['state/periods/*']);
    expect(finalise.write).toEqual(['state/dirty/periods/*']);
  });
});

describe('list permissions', () => {
  /** True when a ListObjects request with this Prefix is allowed by the s3:prefix patterns. */
  const allows = (patterns: string[], prefix: string) => patterns.some((p) => (p.endsWith('*') ? prefix.startsWith(p.slice(0, -1)) : prefix === p));

  it('limits s3:ListBucket of each function to the prefixes it reads, covering every prefix it lists', () => {
    expect(s3Access('Ingest').listPrefixes.sort()).toEqual(['corrections/*', 'incoming/*', 'state/uploads/*']);
    expect(s3Access('Render').listPrefixes.sort()).toEqual(['articles/*', 'corrections/*', 'digests/*', 'rejected/*', 'state/*']);
    expect(s3Access('Finalise').listPrefixes).toEqual(['state/periods/*']);
    // What the code lists (store.list( in lambda/pipeline/) is allowed...
    const render = s3Access('Render').listPrefixes;
    for (const p of ['state/dirty/months/', 'state/dirty/periods/', 'state/members/2026-03/', 'state/periods/', 'corrections/', 'digests/2026-03/']) expect(allows(render, p), p).toBe(true);
    expect(allows(s3Access('Finalise').listPrefixes, 'state/periods/')).toBe(true);
    // ...and nothing else: no bucket-wide listing, no function lists uploads but the ingest.
    for (const fn of ['Ingest', 'Render', 'Finalise']) {
      expect(allows(s3Access(fn).listPrefixes, ''), fn).toBe(false);
      expect(allows(s3Access(fn).listPrefixes, 'digests/'), fn).toBe(fn === 'Render');
    }
    expect(allows(s3Access('Render').listPrefixes, 'incoming/')).toBe(false);
    expect(allows(s3Access('Finalise').listPrefixes, 'state/dirty/')).toBe(false);
  });
});

describe('alarms', () => {
  it('alarm on dead-lettered messages and on errors of every Lambda, notifying the alarm topic', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    const byMetric = (name: string) => alarms.filter((a) => a.Properties.MetricName === name);
    const dlq = byMetric('ApproximateNumberOfMessagesVisible');
    expect(dlq).toHaveLength(1);
    expect(dlq[0]!.Properties.Dimensions[0].Value).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.deadLetterQueue.node.defaultChild as never), 'QueueName'] });
    const errorAlarms = byMetric('Errors');
    const alarmed = errorAlarms.map((a) => JSON.stringify(a.Properties.Dimensions[0].Value)).sort();
    const fns = [stack.ingest, stack.render, stack.finalise].map((f) => JSON.stringify({ Ref: stack.getLogicalId(f.fn.node.defaultChild as never) })).sort();
    expect(alarmed).toEqual(fns);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: stack.getLogicalId(topic()) }]);
  });

  const topic = () => stack.node.findChild('AlarmTopic').node.defaultChild as never;
  const fnRef = (f: typeof stack.render) => JSON.stringify({ Ref: stack.getLogicalId(f.fn.node.defaultChild as never) });

  it('alarm when the oldest upload notification has waited over 30 minutes', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 1800, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(alarms[0]!.Properties.Dimensions[0].Value).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.ingestQueue.node.defaultChild as never), 'QueueName'] });
  });

  it('alarm on throttles of every Lambda; the single-writer render only when throttled for 15 minutes running', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'Throttles');
    const byFn = new Map(alarms.map((a) => [JSON.stringify(a.Properties.Dimensions[0].Value), a.Properties]));
    expect([...byFn.keys()].sort()).toEqual([stack.ingest, stack.render, stack.finalise].map(fnRef).sort());
    for (const f of [stack.ingest, stack.finalise]) expect(byFn.get(fnRef(f))).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, Statistic: 'Sum' });
    expect(byFn.get(fnRef(stack.render))).toMatchObject({ Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 3, Statistic: 'Sum' });
  });

  it('alarm when a render runs over 80% of its timeout', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'Duration');
    expect(alarms).toHaveLength(1);
    const timeout = resources[stack.getLogicalId(stack.render.fn.node.defaultChild as never)]!.Properties.Timeout as number;
    expect(alarms[0]!.Properties).toMatchObject({ Statistic: 'Maximum', ComparisonOperator: 'GreaterThanThreshold', Threshold: timeout * 1000 * 0.8 });
    expect(JSON.stringify(alarms[0]!.Properties.Dimensions[0].Value)).toBe(fnRef(stack.render));
  });
});

describe('cdk-nag', () => {
  it('AwsSolutions reports no unacknowledged finding, and every acknowledgement carries a reason', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${(r as { constructPath?: string }).constructPath ?? r.resourceLogicalId}`));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);

    const acknowledged: { id: string; reason: string }[] = [];
    const visit = (c: import('constructs').IConstruct): void => {
      for (const entry of c.node.metadata) {
        if (!String(entry.type).includes('acknowledge')) continue;
        const data = entry.data as Record<string, { reason?: string }> | { id: string; reason: string };
        if ('id' in data && typeof data.id === 'string') acknowledged.push(data as { id: string; reason: string });
        else for (const [id, v] of Object.entries(data)) acknowledged.push({ id, reason: String((v as { reason?: string }).reason ?? v) });
      }
      c.node.children.forEach(visit);
    };
    visit(app);
    expect(acknowledged.length).toBeGreaterThan(5);
    for (const a of acknowledged) expect(a.reason.length, a.id).toBeGreaterThan(30);
  });
});

describe('app', () => {
  it('sets every feature flag cdk init recommends for the installed aws-cdk-lib in cdk.json (and the tests synthesise with them)', () => {
    expect(Object.keys(RECOMMENDED_FLAGS).length).toBeGreaterThan(50);
    for (const [flag, value] of Object.entries(RECOMMENDED_FLAGS)) expect(CDK_JSON_CONTEXT[flag], flag).toEqual(value);
    expect(app.node.tryGetContext('@aws-cdk/aws-iam:minimizePolicies')).toBe(RECOMMENDED_FLAGS['@aws-cdk/aws-iam:minimizePolicies']);
  });

  it('is environment-agnostic (no account or region lookups)', () => {
    expect(stack.resolve(stack.account)).toEqual({ Ref: 'AWS::AccountId' });
    expect(stack.resolve(stack.region)).toEqual({ Ref: 'AWS::Region' });
    expect(Object.keys(app.node.tryGetContext('aws:cdk:bundling-stacks') ?? [])).toEqual([]);
  });
});
