/** Child side of child.ts: run one task, report its value and resource usage, exit. */
import { pathToFileURL } from 'node:url';

interface Request {
  module: string;
  task: string;
  args: unknown;
}

type Task = (args: unknown) => unknown | Promise<unknown>;

process.once('message', async (request: Request) => {
  const reply = (message: object) => process.send!(message, () => process.exit(0));
  try {
    const mod = (await import(pathToFileURL(request.module).href)) as { tasks?: Record<string, Task> };
    const task = mod.tasks?.[request.task];
    if (!task) throw new Error(`no task "${request.task}" in ${request.module}`);
    const value = await task(request.args);
    const heapUsed = process.memoryUsage().heapUsed;
    reply({ ok: true, value, maxRssKiB: process.resourceUsage().maxRSS, heapUsed });
  } catch (error) {
    reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
