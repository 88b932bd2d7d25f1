import type { ConsoleConfig, Session } from '../../lambda/console/contract.ts';

/** What every view knows: the settings, the user, and whether the view is still on screen (to stop polling). */
export interface AppState {
  config: ConsoleConfig;
  session: Session;
  alive(): boolean;
}
