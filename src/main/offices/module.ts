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
    // The list's read model loads in slices once the window is up; the first screen is served from SQL until then.
    start: () => officeList(ctx).warm(),
  };
}
