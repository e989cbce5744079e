import type { importsContract } from '../../shared/imports/contract';
import type { AppCore, DomainModule } from '../domain';
import { ImportJobs } from './service';

export function importsModule({ ctx }: AppCore): DomainModule<typeof importsContract> {
  const jobs = new ImportJobs();
  return {
    handlers: {
      'imports.preview': (req) => jobs.preview(ctx, req),
      'imports.commit': (req) => ({ jobId: jobs.start(ctx, req).jobId }),
      'imports.status': ({ jobId }) => jobs.status(jobId),
    },
  };
}
