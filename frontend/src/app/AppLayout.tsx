import { NavLink, Outlet } from 'react-router';
import { SignOutButton } from '@/features/auth/components/SignOutButton';

const NAV = [
  { to: '/', label: 'Home', end: true, icon: '◎' },
  { to: '/forecast', label: 'Forecast', end: false, icon: '↗' },
  { to: '/calendar', label: 'Calendar', end: false, icon: '▦' },
  { to: '/bills', label: 'Bills', end: false, icon: '▤' },
  { to: '/paydays', label: 'Paydays', end: false, icon: '$' },
  { to: '/settings', label: 'Settings', end: false, icon: '⚙' },
];

/** The signed-in frame: header, navigation (a bottom tab bar on phones) and the page. */
export function AppLayout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" end>
          Wisewallet
        </NavLink>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  <span className="nav-icon" aria-hidden="true">
                    {item.icon}
                  </span>
                  <span>{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <SignOutButton className="button-small header-signout" />
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
