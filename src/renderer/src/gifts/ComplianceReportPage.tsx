import { Title } from '@mantine/core';

export function ComplianceReportPage() {
  return (
    <Title order={2} size="h3">
      Compliance report
    </Title>
  );
}
