import { mergeDisjoint } from '../shared/api/define';
import type { Contract } from '../shared/api/contract';
import type { TimelineEntry } from '../shared/domain/timeline';
import type { AppCore, HandlersFor, TimelineSource } from './domain';
import { databaseModule } from './database/module';
import { giftsModule } from './gifts/module';
import { importsModule } from './imports/module';
import { officesModule } from './offices/module';
import { peopleModule } from './people/module';
import { referralsModule } from './referrals/module';
import { targetsModule } from './targets/module';
import { taxonomyModule } from './taxonomy/module';
import { teamModule } from './team/module';
import { visitsModule } from './visits/module';

export type Handlers = HandlersFor<Contract>;

export interface Domains {
  /** the contract implemented: one map, served alike over IPC (Electron) and HTTP (browser mode) */
  handlers: Handlers;
  /** each domain's work once the window is up */
  start(): Promise<void>;
}

/**
 * Plugs every domain into the app, as Actual Budget merges its per-domain handler maps: a method
 * two domains both define does not compile, and the merged map must cover the whole contract.
 */
export function createDomains(core: Omit<AppCore, 'timeline'>): Domains {
  const sources: TimelineSource[] = [];
  const full: AppCore = {
    ...core,
    timeline: (officeId) =>
      sources.flatMap((s) => s(core.ctx, officeId)).sort((a: TimelineEntry, b: TimelineEntry) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
  };
  const modules = [databaseModule(full), teamModule(full), officesModule(full), peopleModule(full), importsModule(full), taxonomyModule(full), targetsModule(full), visitsModule(full), giftsModule(full), referralsModule(full)] as const;
  for (const m of modules) if (m.timeline) sources.push(m.timeline);
  const [database, team, offices, people, imports, taxonomy, targets, visits, gifts, referrals] = modules;
  const handlers: Handlers = mergeDisjoint(
    {
      'app.info': () => core.info,
      'app.printToPdf': async ({ filename }: { filename: string }) => ({ saved: core.printToPdf ? await core.printToPdf(filename) : false }),
    },
    database.handlers,
    team.handlers,
    offices.handlers,
    people.handlers,
    imports.handlers,
    taxonomy.handlers,
    targets.handlers,
    visits.handlers,
    gifts.handlers,
    referrals.handlers,
  );
  return {
    handlers,
    start: async () => {
      for (const m of modules) await m.start?.();
    },
  };
}
