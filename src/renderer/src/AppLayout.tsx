import { Anchor, AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { href, Link, Outlet, NavLink as RouterNavLink, useMatch, useNavigate } from 'react-router';
import { TEAM_ROLE_LABELS, type TeamMember } from '../../shared/domain/team';
import { api, type ApiOutput } from './api';
import { useChanges } from './changes';
import { DatabaseGate } from './database/DatabaseGate';
import { ImportWatcher } from './imports/ImportWatcher';
import { ReminderWatcher } from './visits/ReminderWatcher';
import { REOPENED_EVENT } from './database/unavailable';
import { MeContext, type MeState } from './team/me';
import { WhoAreYouModal } from './team/WhoAreYou';

/** The frame around every page: header, the main navigation, and the page the route chose. */
export function AppLayout() {
  const [info, setInfo] = useState<ApiOutput<'app.info'> | null>(null);
  useEffect(() => {
    api['app.info']({}).then(setInfo, () => setInfo(null));
  }, []);
  const [me, setMe] = useState<TeamMember | null | undefined>(undefined);
  const [asking, setAsking] = useState(false);
  const loadMe = () => {
    api['team.me']({}).then(
      (r) => setMe(r.member),
      // Unanswered (the app is gone): no question over a page that cannot save the answer anyway.
      () => setMe((m) => m ?? undefined),
    );
  };
  useEffect(() => {
    loadMe();
    // A new, empty database (an unusable one moved aside) does not know who is using it yet.
    window.addEventListener(REOPENED_EVENT, loadMe);
    return () => window.removeEventListener(REOPENED_EVENT, loadMe);
  }, []);
  // A rename of me (here, in another window or by a sync) shows in the header.
  useChanges(['team_members'], loadMe);
  const meState = useMemo<MeState>(() => ({ me, setMe, askAgain: () => setAsking(true) }), [me]);
  // Mantine draws the highlight from `active`; react-router's NavLink adds aria-current for screen readers.
  // An office's own page still belongs to "Offices", hence end: false.
  const inOffices = useMatch({ path: '/offices', end: false }) !== null;
  const inImport = useMatch('/import') !== null;
  const inWorklist = useMatch('/worklist') !== null;
  const inCalendar = useMatch('/calendar') !== null;
  const inTasks = useMatch('/tasks') !== null;
  const inRoute = useMatch('/route') !== null;
  const inTargets = useMatch('/targets') !== null;
  const inSettings = useMatch('/settings') !== null;
  const inGifts = useMatch({ path: '/gifts', end: false }) !== null;
  const inCompliance = useMatch({ path: '/compliance', end: false }) !== null;
  const inRewards = useMatch('/rewards') !== null;
  const inReferrals = useMatch('/referrals') !== null;
  // A scorecard is opened from the dashboard: it belongs there.
  const onDashboard = useMatch('/dashboard') !== null;
  const onScorecard = useMatch({ path: '/scorecards', end: false }) !== null;
  const inDashboard = onDashboard || onScorecard;
  const onList = useMatch('/offices') !== null;
  const navigate = useNavigate();
  // The header promises Ctrl+K everywhere: from any other page it opens the list with the search focused.
  useHotkeys([['mod+K', () => !onList && navigate(href('/offices'), { state: { focusSearch: true } })]]);
  return (
    <MeContext.Provider value={meState}>
      <AppShell header={{ height: 48 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Title order={1} size="h4">
              Liaison CRM
            </Title>
            <Group gap="md">
              <Text size="xs" c="dimmed">
                Ctrl+K to search offices
              </Text>
              {me && (
                <Anchor component={Link} to={href('/settings')} size="sm" aria-label={`You are ${me.name}, ${TEAM_ROLE_LABELS[me.role]}. Open settings`}>
                  {me.name} · {TEAM_ROLE_LABELS[me.role]}
                </Anchor>
              )}
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main">
          <NavLink component={RouterNavLink} to={href('/worklist')} label="Worklist" active={inWorklist} />
          <NavLink component={RouterNavLink} to={href('/calendar')} label="Calendar" active={inCalendar} />
          <NavLink component={RouterNavLink} to={href('/route')} label="Day route" active={inRoute} />
          <NavLink component={RouterNavLink} to={href('/tasks')} label="Tasks" active={inTasks} />
          <NavLink component={RouterNavLink} to={href('/offices')} label="Offices" active={inOffices} />
          <NavLink component={RouterNavLink} to={href('/referrals')} label="Referrals" active={inReferrals} />
          <NavLink component={RouterNavLink} to={href('/dashboard')} label="Dashboard" active={inDashboard} />
          <NavLink component={RouterNavLink} to={href('/gifts')} label="Gifts & meals" active={inGifts} />
          <NavLink component={RouterNavLink} to={href('/compliance')} label="Compliance" active={inCompliance} />
          <NavLink component={RouterNavLink} to={href('/rewards')} label="Patient rewards" active={inRewards} />
          <NavLink component={RouterNavLink} to={href('/import')} label="Import" active={inImport} />
          <NavLink component={RouterNavLink} to={href('/targets')} label="Target lists" active={inTargets} />
          <NavLink component={RouterNavLink} to={href('/settings')} label="Settings" active={inSettings} />
          {info && (
            <Text size="xs" c="dimmed" mt="auto" p="xs">
              Version {info.version} · {info.mode === 'electron' ? 'desktop' : 'browser mode'} · works offline
            </Text>
          )}
        </AppShell.Navbar>
        <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
          <DatabaseGate>
            <Outlet />
            <ImportWatcher />
            {me && <ReminderWatcher />}
            {/* First start: nothing else until the app knows who is using it (and only over a
                database that can save the answer). Later, Settings reopens it. */}
            <WhoAreYouModal
              opened={me === null || asking}
              current={me ?? null}
              onDone={(m) => {
                setMe(m);
                setAsking(false);
              }}
              {...(me ? { onCancel: () => setAsking(false) } : {})}
            />
          </DatabaseGate>
        </AppShell.Main>
      </AppShell>
    </MeContext.Provider>
  );
}
