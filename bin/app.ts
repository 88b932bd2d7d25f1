/**
 * The CDK app (`npx cdk synth|deploy`). Env-agnostic: no account or region lookups, so synth works
 * offline on a fresh clone. cdk-nag's AwsSolutions checks run on every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BantinStack } from '../lib/bantin-stack.ts';

const app = new App();
new BantinStack(app, 'Bantin', { description: 'bantin: Vietnamese meeting-report digests from S3 uploads' });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
