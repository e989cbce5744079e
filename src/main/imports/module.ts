import type { importsContract } from '../../shared/imports/contract';
import { AppError } from '../../shared/errors';
import type { AppCore, DomainModule } from '../domain';
import { ImportJobs } from './service';

export function importsModule({ ctx, files, pickFile }: AppCore): DomainModule<typeof importsContract> {
  const jobs = new ImportJobs(ctx, files);
  return {
    handlers: {
      'imports.chooseFile': async ({ purpose }) => {
        if (!pickFile) throw new AppError('invalid_input', 'Choose the file with the button on the page.');
        const path = await pickFile(purpose);
        return { file: path ? files.adopt(path) : null };
      },
      'imports.inspect': (req) => jobs.inspect(req),
      'imports.preview': (req) => jobs.preview(req),
      'imports.problems': (req) => jobs.problems(req),
      'imports.badRowsCsv': (req) => jobs.badRowsCsv(req),
      'imports.commit': async (req) => ({ jobId: (await jobs.start(req)).jobId }),
      'imports.status': ({ jobId }) => jobs.status(jobId),
      'imports.current': () => ({ job: jobs.current() }),
      'imports.undo': ({ jobId }) => ({ jobId: jobs.undo(jobId).jobId }),
    },
  };
}
