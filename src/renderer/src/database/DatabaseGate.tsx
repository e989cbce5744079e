import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, type ApiOutput } from '../api';
import { notifyError } from '../notify';
import { REOPENED_EVENT, SIGNED_OUT_EVENT, UNAVAILABLE_EVENT } from './unavailable';

type Status = ApiOutput<'database.status'>;

/**
 * Shows the app only while its database can be used. A file refused at start, or found damaged
 * later (by the start-up check, a full check, or a failing read), replaces every page with what
 * is wrong, the file's name, and the way out: restore a backup, or move the file aside and start
 * empty (asked first, never done silently; the file is renamed, never deleted).
 */
export function DatabaseGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const refresh = useCallback(() => {
    api['database.status']({}).then(setStatus, () => setStatus(null));
  }, []);
  useEffect(() => {
    refresh();
    const onSignedOut = () => setSignedOut(true);
    window.addEventListener(UNAVAILABLE_EVENT, refresh);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => {
      window.removeEventListener(UNAVAILABLE_EVENT, refresh);
      window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
    };
  }, [refresh]);

  // The start-up check runs just after the first screen: look again until it has settled, so damage
  // it finds takes over the page without the user having to try something first.
  useEffect(() => {
    if (status?.state !== 'checking') return;
    const again = setTimeout(refresh, 1000);
    return () => clearTimeout(again);
  }, [status, refresh]);

  if (status && (status.state === 'refused' || status.state === 'damaged')) {
    const startEmpty = () =>
      modals.openConfirmModal({
        title: 'Start with an empty database?',
        children: (
          <Text size="sm">
            The file will be renamed and kept in the data folder (nothing is deleted), and Liaison CRM will start with no offices. Keep the renamed file
            if you may want to recover it later.
          </Text>
        ),
        labels: { confirm: 'Move it aside and start empty', cancel: 'Cancel' },
        confirmProps: { color: 'red' },
        onConfirm: () => {
          api['database.startEmpty']({}).then(
            (r) => {
              setMoved(r.movedTo);
              refresh();
              window.dispatchEvent(new Event(REOPENED_EVENT));
            },
            (e: unknown) => notifyError('The file could not be moved aside', e),
          );
        },
      });
    return (
      <Stack p="xl" maw={720} mx="auto" mt="xl" role="alert" aria-labelledby="db-problem-title">
        <Title order={1} size="h2" id="db-problem-title">
          {status.state === 'damaged' ? 'The database is damaged' : 'Liaison CRM cannot open its database'}
        </Title>
        <Paper withBorder p="md">
          <Text>{status.message}</Text>
        </Paper>
        <Text size="sm" c="dimmed">
          To restore a backup, quit Liaison CRM, put the backup in the file’s place, and start it again.
        </Text>
        <Group>
          {status.canStartEmpty && (
            <Button color="red" variant="light" onClick={startEmpty}>
              Move it aside and start empty…
            </Button>
          )}
          <Button variant="default" onClick={refresh}>
            Look again
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <>
      {signedOut && (
        // Above the page, not instead of it: a form being filled in stays, so its text can be copied.
        <Alert color="orange" role="alert" m="md" mb={0} title={<span role="heading" aria-level={2}>Open Liaison CRM again from its link</span>}>
          Liaison CRM has restarted since this tab opened, so the tab no longer has its key and cannot save. Open the link it printed when it started
          (it begins http://127.0.0.1: and ends with ?token=…). Nothing you saved is lost; copy anything you are typing first.
        </Alert>
      )}
      {moved && (
        <Alert color="teal" title="Started with an empty database" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMoved(null)} m="md" mb={0}>
          The old file was kept in the data folder as {moved}.
        </Alert>
      )}
      {children}
    </>
  );
}
