import { Button } from '@mantine/core';
import { href, Link, useLocation } from 'react-router';
import { EmptyState } from './components/EmptyState';

/** An address the app has no page for (an old bookmark, a mistyped link): say so and offer the way back. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <EmptyState
      title="Page not found"
      body={`There is no page at ${pathname}. The link may be mistyped or from an older version of the app.`}
      actions={
        <Button component={Link} to={href('/offices')}>
          Go to offices
        </Button>
      }
    />
  );
}
