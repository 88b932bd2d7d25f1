import type { Command } from 'commander';

export function registerReconcile(program: Command): void {
  program.command('reconcile').description('(not implemented yet)').action(() => {
    throw new Error('reconcile: not implemented yet');
  });
}
