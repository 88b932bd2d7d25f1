import { Command } from 'commander';
import { registerParse } from './commands/parse.ts';
import { registerBuild } from './commands/build.ts';
import { registerLocal } from './commands/local.ts';
import { registerReconcile } from './commands/reconcile.ts';

const program = new Command()
  .name('bantin')
  .description('Turn Vietnamese news reports of Party and government meetings into periodic digests.')
  .version('0.1.0')
  .showHelpAfterError();

registerParse(program);
registerBuild(program);
registerLocal(program);
registerReconcile(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A user's mistake or a missing piece reads as one line; BANTIN_DEBUG=1 shows the stack.
  process.stderr.write(`bantin: ${process.env.BANTIN_DEBUG ? (error as Error).stack : (error as Error).message}\n`);
  process.exitCode = 1;
}
