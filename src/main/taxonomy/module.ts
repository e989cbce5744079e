import type { taxonomyContract } from '../../shared/taxonomy/contract';
import type { AppCore, DomainModule } from '../domain';
import { loadNucc, resetTaxonomy, taxonomyList } from './store';

export function taxonomyModule({ ctx, files }: AppCore): DomainModule<typeof taxonomyContract> {
  return {
    handlers: {
      'taxonomy.current': () => taxonomyList(ctx),
      'taxonomy.load': ({ fileId }) => loadNucc(ctx, files, fileId),
      'taxonomy.reset': () => resetTaxonomy(ctx),
    },
  };
}
