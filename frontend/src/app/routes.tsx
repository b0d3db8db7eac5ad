import { lazy, Suspense } from 'react';
import { createBrowserRouter, Link, type RouteObject } from 'react-router';
import { Loading } from '@/components/Loading';
import { AuthPage } from '@/features/auth/components/AuthPage';
import { EditBillPage, NewBillPage } from '@/features/bills/components/BillEditorPage';
import { BillsPage } from '@/features/bills/components/BillsPage';
import { DashboardPage } from '@/features/dashboard/components/DashboardPage';
import { ForecastPage } from '@/features/forecast/components/ForecastPage';
import { EditPaydayPage, NewPaydayPage } from '@/features/paydays/components/PaydayEditorPage';
import { PaydaysPage } from '@/features/paydays/components/PaydaysPage';
import { BalancePage } from '@/features/settings/components/BalancePage';
import { SettingsPage } from '@/features/settings/components/SettingsPage';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';
import { Title } from './Title';

// The calendar is its own chunk: the first screen does not download it.
const CalendarPage = lazy(() => import('@/features/calendar/components/CalendarPage'));

export const routes: RouteObject[] = [
  { path: '/signin', element: <Title title="Sign in"><AuthPage mode="signIn" /></Title> },
  { path: '/signup', element: <Title title="Create account"><AuthPage mode="signUp" /></Title> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Title title="Home"><DashboardPage /></Title> },
          { path: 'forecast', element: <Title title="Forecast"><ForecastPage /></Title> },
          {
            path: 'calendar',
            element: (
              <Title title="Calendar">
                <Suspense fallback={<Loading label="Loading the calendar…" />}>
                  <CalendarPage />
                </Suspense>
              </Title>
            ),
          },
          { path: 'bills', element: <Title title="Bills"><BillsPage /></Title> },
          { path: 'bills/new', element: <Title title="Add a bill"><NewBillPage /></Title> },
          { path: 'bills/:id', element: <Title title="Edit bill"><EditBillPage /></Title> },
          { path: 'paydays', element: <Title title="Paydays"><PaydaysPage /></Title> },
          { path: 'paydays/new', element: <Title title="Add a payday"><NewPaydayPage /></Title> },
          { path: 'paydays/:id', element: <Title title="Edit payday"><EditPaydayPage /></Title> },
          { path: 'settings', element: <Title title="Settings"><SettingsPage /></Title> },
          { path: 'balance', element: <Title title="Today’s balance"><BalancePage /></Title> },
          { path: '*', element: <Title title="Not found"><NotFound /></Title> },
        ],
      },
    ],
  },
];

function NotFound() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to your dashboard</Link>
      </p>
    </div>
  );
}

export const createRouter = () => createBrowserRouter(routes);
