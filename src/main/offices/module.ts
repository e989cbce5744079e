import type { officesContract } from '../../shared/offices/contract';
import type { AppCore, DomainModule } from '../domain';
import { exportOfficesCsv } from './export';
import { officeList } from './listIndex';
import { createOffice, getOfficeDetail, listOffices, setOfficeArchived, updateOffice } from './service';

export function officesModule(core: AppCore): DomainModule<typeof officesContract> {
  const { ctx } = core;
  return {
    handlers: {
      'offices.list': (q) => listOffices(ctx, q),
      'offices.get': ({ id }) => ({ ...getOfficeDetail(ctx, id), timeline: core.timeline(id) }),
      'offices.create': (input) => createOffice(ctx, input),
      'offices.update': ({ id, patch }) => updateOffice(ctx, id, patch),
      'offices.archive': ({ id }) => setOfficeArchived(ctx, id, true),
      'offices.restore': ({ id }) => setOfficeArchived(ctx, id, false),
      'offices.exportCsv': (q) => exportOfficesCsv(ctx, q),
    },
    // While the window loads: the first screen's order, straight from SQLite. The model itself loads
    // in slices once the page has asked for that screen, so it never competes with the page's own
    // loading; or after a few seconds if no page asks.
    start: () => {
      const list = officeList(ctx);
      if (!list.ready) list.prepareFirstScreen();
      setTimeout(() => void list.warm(), 3000).unref();
    },
  };
}

