import { Button } from '@mantine/core';
import { href, Link, useRouteError } from 'react-router';
import { EmptyState } from './components/EmptyState';

/** A screen that crashed while rendering: keep the shell, explain, and offer a way out instead of a blank window. */
export function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <EmptyState
      title="This screen ran into a problem"
      body="Nothing was changed. Go back to the office list, or reload the app if it happens again."
      actions={
        <>
          <Button component={Link} to={href('/offices')}>
            Go to offices
          </Button>
          <Button variant="default" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </>
      }
    />
  );
}
