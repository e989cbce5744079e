import { Title } from '@mantine/core';

export function GiftsPage() {
  return (
    <Title order={2} size="h3">
      Gifts and meals
    </Title>
  );
}
