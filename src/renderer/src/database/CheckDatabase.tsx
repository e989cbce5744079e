import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError, type ApiOutput } from '../api';
import { UNAVAILABLE_EVENT } from './unavailable';

/**
 * "Check database": SQLite's full integrity check, which reads every page and index (a second or
 * two on a large directory; the app keeps answering meanwhile). Damage found takes the user to
 * the database gate's way out.
 */
export function CheckDatabase() {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ApiOutput<'database.check'> | { ok: false; message: string; tookMs: null } | null>(null);
  const run = () => {
    setRunning(true);
    setResult(null);
    api['database.check']({}).then(
      (r) => {
        setResult(r);
        if (!r.ok) window.dispatchEvent(new Event(UNAVAILABLE_EVENT));
      },
      (e: unknown) => setResult({ ok: false, message: e instanceof ApiError ? e.message : 'The check could not run.', tookMs: null }),
    ).finally(() => setRunning(false));
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="check-db-title">
      <Title order={3} size="h4" id="check-db-title">
        Database
      </Title>
      <Text size="sm" c="dimmed" maw={640}>
        Liaison CRM checks its database file each time it starts. A full check reads every page and index of it; run one if the app has behaved oddly or
        the computer lost power while it was open.
      </Text>
      <Group>
        <Button variant="default" onClick={run} loading={running}>
          Check database
        </Button>
        {running && (
          <Text size="sm" c="dimmed" role="status">
            Checking every page…
          </Text>
        )}
      </Group>
      {result && (
        <Alert color={result.ok ? 'teal' : 'red'} title={result.ok ? 'The database is sound' : 'The check found a problem'} role="status" maw={640}>
          {result.message}
          {result.tookMs !== null && ` (took ${(result.tookMs / 1000).toFixed(1)} s)`}
        </Alert>
      )}
    </Stack>
  );
}
