import type { ApiMethod } from '../shared/api/methods';
import type { ApiOutput, ApiParsed } from '../shared/api/contract';
import type { Ctx } from './context';
import type { ImportJobs } from './imports/service';
import { exportOfficesCsv } from './offices/export';
import { createOffice, getOfficeDetail, listOffices, setOfficeArchived, updateOffice } from './offices/service';
import { createPerson, movePerson, setPersonArchived, updatePerson } from './people/service';

export interface AppServices {
  ctx: Ctx;
  imports: ImportJobs;
  info: ApiOutput<'app.info'>;
}

type Handler<M extends ApiMethod> = (input: ApiParsed<M>) => ApiOutput<M> | Promise<ApiOutput<M>>;
export type Handlers = { [M in ApiMethod]: Handler<M> };

/** The contract implemented: one map, served alike over IPC (Electron) and HTTP (browser mode). */
export function createHandlers({ ctx, imports, info }: AppServices): Handlers {
  return {
    'app.info': () => info,
    'offices.list': (q) => listOffices(ctx, q),
    'offices.get': ({ id }) => getOfficeDetail(ctx, id),
    'offices.create': (input) => createOffice(ctx, input),
    'offices.update': ({ id, patch }) => updateOffice(ctx, id, patch),
    'offices.archive': ({ id }) => setOfficeArchived(ctx, id, true),
    'offices.restore': ({ id }) => setOfficeArchived(ctx, id, false),
    'offices.exportCsv': (q) => exportOfficesCsv(ctx, q),
    'people.create': (input) => createPerson(ctx, input),
    'people.update': ({ id, patch }) => updatePerson(ctx, id, patch),
    'people.move': ({ id, officeId }) => movePerson(ctx, id, officeId),
    'people.archive': ({ id }) => setPersonArchived(ctx, id, true),
    'people.restore': ({ id }) => setPersonArchived(ctx, id, false),
    'imports.preview': (req) => imports.preview(ctx, req),
    'imports.commit': (req) => ({ jobId: imports.start(ctx, req).jobId }),
    'imports.status': ({ jobId }) => imports.status(jobId),
  };
}
