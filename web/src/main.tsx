/** The console's entry: languages, server state, routing, then the pages. */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { BrowserRouter, useHref, useNavigate } from 'react-router';
import { isApiError } from './api/client.ts';
import { AppRoutes } from './app/routes.tsx';
import { LocaleProvider } from './i18n/i18n.tsx';
import './styles.css';

/** A session that ended (signed out elsewhere, expired): forget the user, so the page sends them to sign in and back. */
function onSessionEnded(error: unknown): void {
  if (isApiError(error) && error.status === 401 && error.code === 'UNAUTHENTICATED') queryClient.setQueryData(['me'], null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionEnded }),
  mutationCache: new MutationCache({ onError: onSessionEnded }),
  defaultOptions: {
    queries: {
      // A refusal (4xx) won't change by asking again; a dropped connection or a 503 may.
      retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: true,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

/** React Aria's links navigate through the router. */
function AriaRouter({ children }: { children: React.ReactNode }) {
  const navigate = useNavigate();
  return <AriaRouterProvider navigate={navigate} useHref={useHref}>{children}</AriaRouterProvider>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <BrowserRouter>
          <AriaRouter>
            <AppRoutes />
          </AriaRouter>
        </BrowserRouter>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
