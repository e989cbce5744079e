import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { href, Outlet, NavLink as RouterNavLink, useMatch, useNavigate } from 'react-router';
import { api, type ApiOutput } from './api';
import { DatabaseGate } from './database/DatabaseGate';

/** The frame around every page: header, the main navigation, and the page the route chose. */
export function AppLayout() {
  const [info, setInfo] = useState<ApiOutput<'app.info'> | null>(null);
  useEffect(() => {
    api['app.info']({}).then(setInfo, () => setInfo(null));
  }, []);
  // Mantine draws the highlight from `active`; react-router's NavLink adds aria-current for screen readers.
  // An office's own page still belongs to "Offices", hence end: false.
  const inOffices = useMatch({ path: '/offices', end: false }) !== null;
  const inImport = useMatch('/import') !== null;
  const onList = useMatch('/offices') !== null;
  const navigate = useNavigate();
  // The header promises Ctrl+K everywhere: from any other page it opens the list with the search focused.
  useHotkeys([['mod+K', () => !onList && navigate(href('/offices'), { state: { focusSearch: true } })]]);
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
        <NavLink component={RouterNavLink} to={href('/offices')} label="Offices" active={inOffices} />
        <NavLink component={RouterNavLink} to={href('/import')} label="Import" active={inImport} />
        {info && (
          <Text size="xs" c="dimmed" mt="auto" p="xs">
            Version {info.version} · {info.mode === 'electron' ? 'desktop' : 'browser mode'} · works offline
          </Text>
        )}
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
        <DatabaseGate>
          <Outlet />
        </DatabaseGate>
      </AppShell.Main>
    </AppShell>
  );
}
