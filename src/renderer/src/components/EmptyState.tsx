import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** What to show where a list is empty: say why, and offer the next step. */
export function EmptyState({ title, body, actions }: { title: string; body: string; actions?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text c="dimmed" ta="center" maw={480}>
          {body}
        </Text>
        {actions && <Group mt="sm">{actions}</Group>}
      </Stack>
    </Paper>
  );
}
