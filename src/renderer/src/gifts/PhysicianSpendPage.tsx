import { Title } from '@mantine/core';

export function PhysicianSpendPage() {
  return (
    <Title order={2} size="h3">
      Gifts received
    </Title>
  );
}
