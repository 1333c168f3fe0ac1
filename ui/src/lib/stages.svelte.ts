//! The names the user gave the deal stages (the Stages dialog), read when a workspace opens
//! and after the stages are saved: a renamed stage shows its name wherever a deal's stage is
//! shown (lists, forms, filters), in either language.
import { dealStages } from '../ipc/api';

class StageNames {
  /** The user's name of each renamed stage, by key. */
  names: Record<string, string> = $state({});

  /** Reads the stages (a failure keeps the names as they were: the default names show). */
  async load(): Promise<void> {
    try {
      const stages = await dealStages();
      this.names = Object.fromEntries(
        stages.flatMap((stage) => (stage.label ? [[stage.key, stage.label]] : [])),
      );
    } catch {
      // The default names show.
    }
  }
}

export const stageNames = new StageNames();
