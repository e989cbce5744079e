import { createHashRouter, Navigate, useParams } from 'react-router';
import { AppLayout } from './AppLayout';
import { ImportPage } from './imports/ImportPage';
import { NotFoundPage } from './NotFoundPage';
import { OfficeDetailPage } from './offices/OfficeDetailPage';
import { OfficesPage } from './offices/OfficesPage';
import { RouteError } from './RouteError';
import { SettingsPage } from './team/SettingsPage';
import { TargetsPage } from './targets/TargetsPage';
import { RoutePage } from './visits/RoutePage';
import { TasksPage } from './visits/TasksPage';
import { WorklistPage } from './visits/WorklistPage';

// Registering the paths makes `href('/offices/:id', { id })` check the path and its params at
// compile time, so a renamed route breaks the build instead of a link.
// react-router tells "no params" apart by the exact type `{}`, as its own generated route types do.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type NoParams = {};

declare module 'react-router' {
  interface Register {
    pages: {
      '/': { params: NoParams };
      '/offices': { params: NoParams };
      '/offices/:id': { params: { id: string } };
      '/import': { params: NoParams };
      '/worklist': { params: NoParams };
      '/calendar': { params: NoParams };
      '/tasks': { params: NoParams };
      '/route': { params: NoParams };
      '/targets': { params: NoParams };
      '/gifts': { params: NoParams };
      '/gifts/person/:id': { params: { id: string } };
      '/compliance': { params: NoParams };
      '/compliance/statement/:id/:year': { params: { id: string; year: string } };
      '/rewards': { params: NoParams };
      '/referrals': { params: NoParams };
      '/dashboard': { params: NoParams };
      '/scorecards/office/:id': { params: { id: string } };
      '/scorecards/person/:id': { params: { id: string } };
      '/settings': { params: NoParams };
    };
  }
}

function OfficeDetailRoute() {
  const { id = '' } = useParams();
  // Keyed by id: moving from one office to another starts with a clean page, not the last one's state.
  return <OfficeDetailPage key={id} id={id} />;
}

/**
 * Hash history: Electron loads the page from file://, where only the part after `#` is ours to
 * route, and browser mode then needs no server-side routing either. URLs read `#/offices/<id>`.
 */
export const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      {
        // A pathless route so a page that throws shows its error inside the shell, navbar still there.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/offices" replace /> },
          { path: 'offices', element: <OfficesPage /> },
          { path: 'offices/:id', element: <OfficeDetailRoute /> },
          { path: 'import', element: <ImportPage /> },
          { path: 'worklist', element: <WorklistPage /> },
          { path: 'tasks', element: <TasksPage /> },
          { path: 'route', element: <RoutePage /> },
          // FullCalendar is most of the app's code: loaded when the calendar is first opened, not at start.
          { path: 'calendar', lazy: () => import('./visits/CalendarPage').then((m) => ({ Component: m.CalendarPage })) },
          { path: 'targets', element: <TargetsPage /> },
          // The compliance pages are loaded when first opened: the office list's first screen need not wait for them.
          { path: 'gifts', lazy: () => import('./gifts/GiftsPage').then((m) => ({ Component: m.GiftsPage })) },
          { path: 'gifts/person/:id', lazy: () => import('./gifts/PhysicianSpendPage').then((m) => ({ Component: m.PhysicianSpendPage })) },
          { path: 'compliance', lazy: () => import('./gifts/ComplianceReportPage').then((m) => ({ Component: m.ComplianceReportPage })) },
          { path: 'compliance/statement/:id/:year', lazy: () => import('./gifts/StatementPage').then((m) => ({ Component: m.StatementPage })) },
          { path: 'rewards', lazy: () => import('./gifts/RewardsPage').then((m) => ({ Component: m.RewardsPage })) },
          { path: 'referrals', lazy: () => import('./referrals/ReferralsPage').then((m) => ({ Component: m.ReferralsPage })) },
          // Charts (recharts) are a large library: the dashboard and the scorecards load it when first opened.
          { path: 'dashboard', lazy: () => import('./dashboard/DashboardPage').then((m) => ({ Component: m.DashboardPage })) },
          { path: 'scorecards/office/:id', lazy: () => import('./dashboard/ScorecardRoute').then((m) => ({ Component: m.OfficeScorecardRoute })) },
          { path: 'scorecards/person/:id', lazy: () => import('./dashboard/ScorecardRoute').then((m) => ({ Component: m.PersonScorecardRoute })) },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
