import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { api } from '../api';
import { IMPORT_STARTED_EVENT } from './importEvents';
import { jobOutcome } from './jobText';

const POLL_MS = 400;

/**
 * App-wide, not on the import page: an import runs in the main process whatever page is open, and
 * when it ends the user is told wherever they are.
 */
export function ImportWatcher() {
  useEffect(() => {
    const following = new Set<string>();
    let stopped = false;
    const follow = (jobId: string) => {
      if (following.has(jobId)) return;
      following.add(jobId);
      const poll = () => {
        if (stopped) return;
        api['imports.status']({ jobId }).then(
          (job) => {
            if (job.state === 'running') return void setTimeout(poll, POLL_MS);
            following.delete(jobId);
            const what = job.kind === 'undo' ? 'Undo of the import of' : 'Import of';
            notifications.show({
              color: job.state === 'done' ? 'teal' : 'red',
              title: `${what} “${job.fileName}” ${job.state === 'done' ? 'finished' : 'failed'}`,
              message: jobOutcome(job),
              autoClose: job.state === 'done' ? 8000 : false,
            });
          },
          () => following.delete(jobId),
        );
      };
      poll();
    };
    const onStarted = (e: Event) => follow((e as CustomEvent<string>).detail);
    window.addEventListener(IMPORT_STARTED_EVENT, onStarted);
    // A job started before this window opened (or before a reload) is followed too; asked once the
    // first screen has loaded, which it must not slow.
    const t = setTimeout(() => {
      api['imports.current']({}).then(
        ({ job }) => job?.state === 'running' && follow(job.jobId),
        () => {},
      );
    }, 2000);
    return () => {
      clearTimeout(t);
      stopped = true;
      window.removeEventListener(IMPORT_STARTED_EVENT, onStarted);
    };
  }, []);
  return null;
}
