/**
 * The bantin pipeline on AWS: one private bucket; uploads under `incoming/` and corrections under
 * `corrections/` notify a queue that feeds the ingest Lambda; the ingest wakes the render Lambda
 * through a render queue with a delivery delay (the debounce), an hourly sweep renders whatever is
 * left, and an hourly schedule runs the finaliser. Each function may touch only its prefixes. See docs/pipeline.md.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { configToEnv, MAX_RECEIVE_COUNT } from '../lambda/pipeline/config.ts';
import {
  ARTICLES,
  CORRECTION_REPORTS,
  CORRECTIONS,
  DIGESTS,
  DIRTY_MONTHS,
  DIRTY_PERIODS,
  INCOMING,
  MEMBERS,
  MONTH_MEETINGS,
  MONTHS,
  NOTIFYING_PREFIXES,
  PERIODS,
  REJECTED,
  STATE,
  SUMMARIES,
} from '../lambda/pipeline/keys.ts';
import { MAX_DELAY_SECONDS } from '../lambda/handlers/render-request.ts';
import { BantinFunction } from './bantin-function.ts';
import { BantinConsole } from './console.ts';
import { listPrefixesStatement } from './prefix-grants.ts';
import { readSettings, type BantinSettings } from './settings.ts';

const UPLOADS = `${STATE}uploads/`;
const INGEST_TIMEOUT = Duration.minutes(2);
const RENDER_TIMEOUT = Duration.minutes(10);
/** The oldest upload notification waiting longer than this raises an alarm (ingest stalled or retrying). */
export const QUEUE_AGE_ALARM_SECONDS = 30 * 60;
/** A render run longer than this share of its timeout raises an alarm, before runs start timing out. */
export const RENDER_DURATION_ALARM_SHARE = 0.8;
/** Messages received this many times without success go to the dead-letter queue (shared with `bantin local`). */
export { MAX_RECEIVE_COUNT };

export interface BantinStackProps extends StackProps {
  /** Defaults to the `bantin:*` context values. */
  settings?: BantinSettings;
}

export class BantinStack extends Stack {
  readonly bucket: Bucket;
  readonly ingestQueue: Queue;
  readonly renderQueue: Queue;
  readonly deadLetterQueue: Queue;
  /** One message a dirty period, each rendered in an invocation of its own (the render split, below). */
  readonly renderPeriodQueue: Queue;
  readonly renderPeriodDeadLetterQueue: Queue;
  readonly ingest: BantinFunction;
  readonly render: BantinFunction;
  readonly finalise: BantinFunction;
  readonly console: BantinConsole;

  constructor(scope: Construct, id: string, props: BantinStackProps = {}) {
    super(scope, id, props);
    const settings = props.settings ?? readSettings(this.node);

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: settings.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(settings.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket per deployment; object-level auditing, where an operator needs it, is better served by CloudTrail S3 data events on this bucket. Uploads are never changed and versioning keeps every overwritten object.',
    });

    this.deadLetterQueue = new Queue(this, 'IngestDeadLetterQueue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the ingest queue.',
    });
    this.ingestQueue = new Queue(this, 'IngestQueue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      // AWS guidance for Lambda event sources: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(INGEST_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    // Only uploads and corrections notify: the pipeline's own writes (articles/, rejected/, digests/, state/) never trigger it.
    for (const prefix of NOTIFYING_PREFIXES) {
      for (const event of [EventType.OBJECT_CREATED, EventType.OBJECT_REMOVED]) {
        this.bucket.addEventNotification(event, new SqsDestination(this.ingestQueue), { prefix });
      }
    }

    const notificationsHandler = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK-provided custom resource that writes the bucket notification configuration at deploy time; the managed policy only allows writing its logs.',
      });
    }

    const environment = {
      BANTIN_BUCKET: this.bucket.bucketName,
      ...configToEnv(settings),
      BANTIN_DEBOUNCE_SECONDS: String(Math.min(settings.debounceSeconds, MAX_DELAY_SECONDS)),
    };

    this.ingest = new BantinFunction(this, 'Ingest', {
      handlerFile: 'ingest.ts',
      description: 'bantin: parse uploads under incoming/ (and their corrections/) into articles/ or rejected/, mark periods dirty',
      memorySize: 1024,
      timeout: INGEST_TIMEOUT,
      environment,
    });
    this.ingest.fn.addEventSource(
      new SqsEventSource(this.ingestQueue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
        maxConcurrency: 5,
      }),
    );

    this.render = new BantinFunction(this, 'Render', {
      handlerFile: 'render.ts',
      description: 'bantin: debounced render of dirty periods into digests/ (HTML, PDF, JSON) and the index',
      memorySize: 1536,
      timeout: RENDER_TIMEOUT,
      environment,
      renders: true,
      // The single writer of digests/ and state/months|periods/: runs never overlap.
      reservedConcurrentExecutions: 1,
    });
    // The event-driven debounce (docs/pipeline.md): the ingest sends one message per batch that
    // marked periods dirty, delayed by the debounce; the render it wakes takes the markers that have
    // been quiet that long. No upload, no render run.
    this.renderQueue = new Queue(this, 'RenderQueue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      // Lambda requires at least the function timeout; a message that met a running render (throttled) comes back after it.
      visibilityTimeout: RENDER_TIMEOUT.plus(Duration.minutes(1)),
      // A wake-up older than the hourly sweep is redundant: the sweep renders every marker.
      retentionPeriod: Duration.hours(2),
    });
    Validations.of(this.renderQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'Render queue messages are wake-up calls carrying no data: the dirty markers in the bucket are the work list, a failed render keeps them, and the hourly sweep renders them, so a dead-letter queue would hold nothing worth redriving.',
    });
    this.render.fn.addEventSource(
      new SqsEventSource(this.renderQueue, {
        // Every message visible at the time goes into one run: the run renders all quiet markers once.
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        // The smallest the event source allows; the function's reserved concurrency 1 is the real limit.
        maxConcurrency: 2,
      }),
    );
    this.renderQueue.grantSendMessages(this.ingest.fn);
    this.ingest.fn.addEnvironment('BANTIN_RENDER_QUEUE_URL', this.renderQueue.queueUrl);

    /* ------------------------------------------------------------ render split: one period per invocation
     * (issue 14, country scale; docs/pipeline.md, "One period per invocation"). A render run rebuilds
     * the dirty months, then sends one message a dirty period to this FIFO queue (the period is the
     * message group: one period never renders twice at once); the render function takes them one at a
     * time, so its time and memory limits apply to one digest, not to month + quarter + half + year. */
    this.renderPeriodDeadLetterQueue = new Queue(this, 'RenderPeriodDeadLetterQueue', {
      fifo: true,
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.renderPeriodDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the render-period queue.',
    });
    this.renderPeriodQueue = new Queue(this, 'RenderPeriodQueue', {
      fifo: true,
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      // Lambda requires at least the function timeout.
      visibilityTimeout: RENDER_TIMEOUT.plus(Duration.minutes(1)),
      // A period failing as often as an upload may is set aside, not retried ahead of the others: its marker stays and the hourly sweep sends it again.
      deadLetterQueue: { queue: this.renderPeriodDeadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
      retentionPeriod: Duration.hours(6),
    });
    this.render.fn.addEventSource(new SqsEventSource(this.renderPeriodQueue, { batchSize: 1 }));
    this.renderPeriodQueue.grantSendMessages(this.render.fn);
    this.render.fn.addEnvironment('BANTIN_RENDER_PERIOD_QUEUE_URL', this.renderPeriodQueue.queueUrl);
    /* ------------------------------------------------------------ end of the render split */

    // A sweep that arrives while a run is going is throttled; Lambda retries it for up to 30 minutes.
    this.render.fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(30) });
    new Rule(this, 'RenderSweepSchedule', {
      description: 'bantin: hourly, render every dirty period (bounds the delay of a period that never goes quiet; catches a lost wake-up)',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.render.fn, { retryAttempts: 0 })],
    });

    this.finalise = new BantinFunction(this, 'Finalise', {
      handlerFile: 'finalise.ts',
      description: 'bantin: mark periods that have ended for a final render',
      memorySize: 256,
      timeout: Duration.minutes(1),
      environment,
    });
    new Rule(this, 'FinaliseSchedule', {
      description: 'bantin: hourly, queue a final render of periods that have ended (any time zone)',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.finalise.fn, { retryAttempts: 2 })],
    });

    // `list`: what each function lists (grep `store.list(` in lambda/pipeline/): the ingest lists nothing.
    this.grantPrefixes(this.ingest, {
      list: [],
      read: [INCOMING, CORRECTIONS, UPLOADS],
      write: [ARTICLES, REJECTED, UPLOADS, MEMBERS, `${STATE}dirty/`, CORRECTION_REPORTS],
    });
    this.grantPrefixes(this.render, {
      // Dirty markers, month memberships, period statuses, corrections, digest generations.
      list: [DIRTY_MONTHS, DIRTY_PERIODS, MEMBERS, PERIODS, CORRECTIONS, DIGESTS, MONTHS, SUMMARIES],
      // DIGESTS read too: a render that finds its period moved on reads the newer generation it copies.
      read: [ARTICLES, REJECTED, STATE, DIGESTS, CORRECTIONS],
      // SUMMARIES, MONTH_MEETINGS: month summaries and the meetings file of a month above the cap (summary digests).
      write: [DIGESTS, MONTHS, PERIODS, DIRTY_MONTHS, DIRTY_PERIODS, SUMMARIES, MONTH_MEETINGS],
    });
    this.grantPrefixes(this.finalise, { list: [PERIODS], read: [PERIODS], write: [DIRTY_PERIODS] });

    this.addAlarms(settings);

    // The web console: app, sign-in, API (lib/console.ts).
    this.console = new BantinConsole(this, 'Console', { bucket: this.bucket, settings });

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Upload articles to s3://<bucket>/incoming/' });
    new CfnOutput(this, 'DigestIndex', { value: `s3://${this.bucket.bucketName}/${DIGESTS}index.html` });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
  }

  /**
   * Object access limited to key prefixes. s3:ListBucket (key names only, no content) is granted
   * on the bucket with an `s3:prefix` condition naming the prefixes the function reads: the ones it
   * lists (`list`, a subset, checked here) and the ones whose keys it must be able to find missing
   * (S3 answers 403 instead of 404 for a missing key without list permission; the S3 store then
   * lists that one key to tell "missing" from "denied", see lambda/storage/s3.ts). A function
   * cannot list, nor learn the key names of, any other prefix.
   */
  private grantPrefixes(fn: BantinFunction, access: { read: string[]; write: string[]; list: string[] }): void {
    const grantee: IGrantable = fn.fn;
    const objects = (prefixes: string[]) => prefixes.map((p) => this.bucket.arnForObjects(`${p}*`));
    for (const prefix of access.list) {
      if (!access.read.some((r) => prefix.startsWith(r))) throw new Error(`${fn.node.id} lists ${prefix} but may not read it`);
    }
    for (const prefix of new Set([...access.read, ...access.write])) {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.stackLogicalId(this.bucket)}.Arn>/${prefix}*]`,
        reason: `Object access is scoped to the key prefix ${prefix} of the bucket, the narrowest scope for objects named at run time.`,
      });
    }
    grantee.grantPrincipal.addToPrincipalPolicy(listPrefixesStatement(this.bucket, access.read));
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: objects(access.read) }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject', 's3:DeleteObject'], resources: objects(access.write) }),
    );
  }

  private stackLogicalId(bucket: Bucket): string {
    return this.resolve((bucket.node.defaultChild as CfnBucket).logicalId) as string;
  }

  private addAlarms(settings: BantinSettings): void {
    const topic = new Topic(this, 'AlarmTopic', { displayName: 'bantin pipeline alarms', enforceSSL: true });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry only alarm names and states, no article data; CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key would add cost for no protected content.',
    });
    if (settings.alarmEmail) topic.addSubscription(new EmailSubscription(settings.alarmEmail));
    const action = new SnsAction(topic);
    const alarm = (
      id: string,
      metric: IMetric,
      description: string,
      options: { threshold?: number; evaluationPeriods?: number; operator?: ComparisonOperator } = {},
    ): void => {
      new Alarm(this, id, {
        metric,
        threshold: options.threshold ?? 1,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.evaluationPeriods ?? 1,
        comparisonOperator: options.operator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(action);
    };
    const fiveMinutes = Duration.minutes(5);
    alarm(
      'DeadLetterAlarm',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
      `Upload notifications failed ${MAX_RECEIVE_COUNT} times and were dead-lettered; inspect the ingest logs, fix, then redrive the DLQ.`,
    );
    alarm(
      'IngestQueueAgeAlarm',
      this.ingestQueue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: 'Maximum' }),
      `An upload notification has waited over ${QUEUE_AGE_ALARM_SECONDS / 60} minutes in the ingest queue: the ingest is failing and retrying, throttled, or not polling.`,
      { threshold: QUEUE_AGE_ALARM_SECONDS },
    );
    for (const [name, fn] of [
      ['Ingest', this.ingest],
      ['Render', this.render],
      ['Finalise', this.finalise],
    ] as const) {
      alarm(`${name}ErrorsAlarm`, fn.fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `bantin ${name} Lambda reported errors.`);
      // The renderer runs one at a time (reserved concurrency 1), so a trigger that meets a running
      // render is throttled now and then by design; only throttling through 15 minutes means it is stuck.
      alarm(
        `${name}ThrottlesAlarm`,
        fn.fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        name === 'Render'
          ? 'bantin Render Lambda throttled in three 5-minute periods running: a run is stuck or the render is triggered far more often than it finishes.'
          : `bantin ${name} Lambda was throttled (account concurrency exhausted?).`,
        { evaluationPeriods: name === 'Render' ? 3 : 1 },
      );
    }
    const renderLimitMs = Math.round(RENDER_TIMEOUT.toMilliseconds() * RENDER_DURATION_ALARM_SHARE);
    alarm(
      'RenderDurationAlarm',
      this.render.fn.metricDuration({ period: fiveMinutes, statistic: 'Maximum' }),
      `A render ran over ${RENDER_DURATION_ALARM_SHARE * 100}% of its ${RENDER_TIMEOUT.toMinutes()}-minute timeout: the digests are outgrowing it; raise the timeout or memory before runs time out.`,
      { threshold: renderLimitMs, operator: ComparisonOperator.GREATER_THAN_THRESHOLD },
    );
  }
}
