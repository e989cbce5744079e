import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, type ApiOutput } from './api';
import { ImportPage } from './imports/ImportPage';
import { OfficeDetailPage } from './offices/OfficeDetailPage';
import { OfficesPage } from './offices/OfficesPage';
import { hrefFor, useRoute } from './router';

export function App() {
  const route = useRoute();
  const [info, setInfo] = useState<ApiOutput<'app.info'> | null>(null);
  useEffect(() => {
    api['app.info']({}).then(setInfo, () => setInfo(null));
  }, []);
  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h4">
            Liaison CRM
          </Title>
          <Text size="xs" c="dimmed">
            Ctrl+K to search offices
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <NavLink href={hrefFor({ page: 'offices' })} label="Offices" active={route.page === 'offices' || route.page === 'office'} />
        <NavLink href={hrefFor({ page: 'import' })} label="Import" active={route.page === 'import'} />
        {info && (
          <Text size="xs" c="dimmed" mt="auto" p="xs">
            Version {info.version} · {info.mode === 'electron' ? 'desktop' : 'browser mode'} · works offline
          </Text>
        )}
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        {route.page === 'offices' && <OfficesPage />}
        {route.page === 'office' && <OfficeDetailPage key={route.id} id={route.id} />}
        {route.page === 'import' && <ImportPage />}
      </AppShell.Main>
    </AppShell>
  );
}
