import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { href, Link } from 'react-router';
import type { ApiOutput } from '../api';
import { jobOutcome, jobTitle } from './jobText';

type Job = ApiOutput<'imports.status'>;

/** A running job's progress, or what a finished one did, with Undo while it is the last import. */
export function JobPanel({ job, onUndo, onAnother, undoing }: { job: Job; onUndo(): void; onAnother(): void; undoing: boolean }) {
  if (job.state === 'running') {
    const what = job.kind === 'undo' ? 'Undoing the import' : 'Importing';
    return (
      <Stack maw={560}>
        <Text>
          {what} “{job.fileName}”… {job.processed.toLocaleString()} of {job.total.toLocaleString()} {job.kind === 'undo' ? 'rows' : job.spec === 'referrals' ? 'referrals' : 'offices'}
        </Text>
        <Progress value={job.total ? (100 * job.processed) / job.total : 0} aria-label={job.kind === 'undo' ? 'Undo progress' : 'Import progress'} animated />
        <Text size="sm" c="dimmed">
          You can leave this page: the import goes on, and the app tells you when it ends.
        </Text>
      </Stack>
    );
  }
  return (
    <Stack maw={640}>
      <Alert color={job.state === 'done' ? 'teal' : 'red'} title={jobTitle(job)}>
        {jobOutcome(job)}
      </Alert>
      <Group>
        {job.spec === 'referrals' ? (
          <Button component={Link} to={href('/referrals')}>
            View referrals
          </Button>
        ) : (
          <Button component={Link} to={href('/offices')}>
            View offices
          </Button>
        )}
        <Button variant="default" onClick={onAnother}>
          Import another file
        </Button>
        {job.undoable && (
          <Button variant="subtle" color="red" onClick={onUndo} loading={undoing}>
            Undo this import…
          </Button>
        )}
      </Group>
    </Stack>
  );
}
