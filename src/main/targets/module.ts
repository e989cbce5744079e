import type { targetsContract } from '../../shared/targets/contract';
import type { AppCore, DomainModule } from '../domain';
import { TargetJobs } from './jobs';

export function targetsModule({ ctx, files }: AppCore): DomainModule<typeof targetsContract> {
  const jobs = new TargetJobs(ctx, files);
  return {
    handlers: {
      'targets.run': async (criteria) => ({ jobId: (await jobs.start(criteria)).jobId }),
      'targets.status': ({ jobId }) => jobs.status(jobId),
      'targets.current': () => ({ job: jobs.current() }),
      'targets.cancel': ({ jobId }) => jobs.cancel(jobId),
      'targets.matches': ({ jobId, offset, limit }) => jobs.matches(jobId, offset, limit),
      'targets.add': (input) => jobs.add(input),
    },
  };
}
