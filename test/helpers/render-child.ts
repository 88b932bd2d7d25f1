/**
 * One render run in a process of its own (test/render-memory.test.ts starts it with a capped heap):
 * `node --max-old-space-size=N --import tsx test/helpers/render-child.ts <endpoint> <bucket>`.
 * Prints one JSON line: what was rendered and the process's peak resident memory.
 */
import { DEFAULT_CONFIG } from '../../lambda/pipeline/config.ts';
import { silentLogger } from '../../lambda/pipeline/log.ts';
import { renderDirty } from '../../lambda/pipeline/render.ts';
import { createS3Client, S3ObjectStore } from '../../lambda/storage/s3.ts';
import { LOCAL_CREDENTIALS } from '../../lambda/local/server.ts';

const [endpoint, bucket] = process.argv.slice(2);
const client = createS3Client({ BANTIN_S3_ENDPOINT: endpoint, AWS_REGION: 'us-east-1' }, { credentials: LOCAL_CREDENTIALS });
const summary = await renderDirty({ store: new S3ObjectStore(client, bucket!), config: DEFAULT_CONFIG, log: silentLogger });
client.destroy();
console.log(JSON.stringify({ rendered: summary.rendered.map((r) => r.periodId), failed: summary.failed, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
