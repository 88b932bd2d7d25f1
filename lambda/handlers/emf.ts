/**
 * CloudWatch metrics as Embedded Metric Format lines on stdout, through Powertools for AWS Lambda
 * (Metrics). Only the Lambda wiring of the handlers uses this; Powertools is imported on the first
 * publish, so `bantin local` (which shares the handler modules) never loads it, and in the Lambda
 * bundles it is a chunk of its own (lib/lambda-bundle.mjs) that a cold start does not read.
 */
import type { Logger } from '../pipeline/log.ts';
import { errorFields } from '../pipeline/log.ts';
import { METRICS_NAMESPACE, type MetricCount, type MetricsPublisher } from './metrics.ts';

export function emfPublisher(service: string, log: Logger): MetricsPublisher {
  let metrics: import('@aws-lambda-powertools/metrics').Metrics | undefined;
  return {
    async publish(counts: MetricCount[]): Promise<void> {
      try {
        const { Metrics, MetricUnit } = await import('@aws-lambda-powertools/metrics');
        metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service, logger: log });
        let stored = 0;
        for (const c of counts) {
          if (c.dimensions) {
            // A metric with its own dimensions goes out as its own EMF line.
            const single = metrics.singleMetric();
            for (const [k, v] of Object.entries(c.dimensions)) single.addDimension(k, v);
            single.addMetric(c.name, MetricUnit.Count, c.value);
          } else {
            metrics.addMetric(c.name, MetricUnit.Count, c.value);
            stored++;
          }
        }
        if (stored > 0) metrics.publishStoredMetrics();
      } catch (error) {
        // Metrics never fail an invocation, nor leak half a set into the next one.
        metrics?.clearMetrics();
        log.warn('metrics not published', errorFields(error));
      }
    },
  };
}
