import type { Command } from 'commander';

export function registerLocal(program: Command): void {
  program.command('local').description('(not implemented yet)').action(() => {
    throw new Error('local: not implemented yet');
  });
}
