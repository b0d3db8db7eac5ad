import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { SessionProvider } from '@/lib/session';
import { createRouter } from './routes';

export function App() {
  const [router] = useState(createRouter);
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
