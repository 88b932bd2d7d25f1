import type { Command } from 'commander';

export function registerParse(program: Command): void {
  program.command('parse').description('(not implemented yet)').action(() => {
    throw new Error('parse: not implemented yet');
  });
}
