import { Title } from '@mantine/core';

export function RewardsPage() {
  return (
    <Title order={2} size="h3">
      Patient referral rewards
    </Title>
  );
}
