// Preloaded (`node --import`) into `bantin local` by bench/pipeline.ts: counts every HTTP request
// any server in that process receives (that is s3rver), by method and key prefix, and writes the
// counts to $BANTIN_BENCH_REQUEST_COUNTS twice a second and at exit. Requests whose user agent
// contains "bantin-bench" are the benchmark's own (uploads, polling) and are counted apart.
import http from 'node:http';
import { writeFileSync } from 'node:fs';

const out = process.env.BANTIN_BENCH_REQUEST_COUNTS;
if (out) {
  const counts = { pipeline: {}, bench: {}, total: 0 };
  let dirty = true;
  const decode = (text) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const prefixOf = (url) => {
    const path = decode((url ?? '/').split('?')[0]);
    const query = (url ?? '').includes('?') ? (url ?? '').split('?')[1] : '';
    const [, , ...key] = path.split('/'); // /bucket/key...
    if (key.length === 0 || key.join('/') === '') {
      const prefix = /(?:^|&)prefix=([^&]*)/.exec(query);
      return `LIST ${prefix ? decode(prefix[1]).split('/').slice(0, 2).join('/') : '(bucket)'}`;
    }
    const segments = key.slice(0, key[0] === 'state' ? 2 : 1);
    return segments.join('/') + '/';
  };
  const originalEmit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, ...rest) {
    if (event === 'request' && req && typeof req.method === 'string') {
      const who = String(req.headers['user-agent'] ?? '').includes('bantin-bench') ? 'bench' : 'pipeline';
      const prefix = prefixOf(req.url);
      const key = prefix.startsWith('LIST ') ? prefix : `${req.method} ${prefix}`;
      counts[who][key] = (counts[who][key] ?? 0) + 1;
      counts.total++;
      dirty = true;
    }
    return originalEmit.call(this, event, req, ...rest);
  };
  const flush = () => {
    if (!dirty) return;
    dirty = false;
    try {
      writeFileSync(out, JSON.stringify({ ...counts, at: Date.now() }));
    } catch {
      // the benchmark reads whatever was last written
    }
  };
  setInterval(flush, 500).unref();
  process.on('exit', flush);
}
