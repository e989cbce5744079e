import { Title } from '@mantine/core';

export function StatementPage() {
  return (
    <Title order={2} size="h3">
      Year-end statement
    </Title>
  );
}
