import { timingSafeEqual } from 'node:crypto';
import { prometheusText } from '../metrics/prometheus-text.js';
import type { MetricsInput, RelayMetrics } from '../metrics/relay-metrics.js';
import type { TemplatedApp } from './native-uws.js';

export interface MetricsRouteOptions {
  metrics: RelayMetrics;
  /** Gathers the figures at scrape time. */
  input: () => MetricsInput;
  /** When set, scrapers send `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `GET /metrics` in the Prometheus text format (R5). */
export function mountMetricsRoute(app: TemplatedApp, options: MetricsRouteOptions): void {
  app.get('/metrics', (res, req) => {
    const given = /^Bearer\s+(\S+)$/i.exec(req.getHeader('authorization'))?.[1] ?? '';
    if (options.token && !sameToken(given, options.token)) {
      res.cork(() => {
        res.writeStatus('401 Unauthorized').writeHeader('www-authenticate', 'Bearer').writeHeader('content-type', 'text/plain; charset=utf-8').end('metrics need the bearer token configured as metricsToken\n');
      });
      return;
    }
    const body = prometheusText(options.metrics.families(options.input()));
    res.cork(() => {
      res.writeStatus('200 OK').writeHeader('content-type', 'text/plain; version=0.0.4; charset=utf-8').writeHeader('cache-control', 'no-store').end(body);
    });
  });
}
