/**
 * Who is signed in: `GET /me` through TanStack Query (null when signed out), sign-in and sign-out,
 * and the user's language, which wins over the browser's once known.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, isApiError } from '../api/client.ts';
import type { Locale, Me } from '../api/types.ts';
import { useLocale } from '../i18n/i18n.tsx';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>('GET', '/me');
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

/** The signed-in user (only under `RequireSignIn`, where it is known). */
export function useViewer(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useViewer outside RequireSignIn');
  return data;
}

/** Whether the viewer holds a permission (what the API itself checks; the UI only hides what would be refused). */
export function useCan(permission: Me['permissions'][number]): boolean {
  const { data } = useMe();
  return Boolean(data?.permissions.includes(permission));
}

/** The administration sections (`/admin/*`) and the permission each needs; the sub-navigation shows those the viewer holds. */
export const ADMIN_SECTIONS = [
  { path: 'users', permission: 'users.manage' },
  { path: 'tokens', permission: 'users.manage' },
  { path: 'webhooks', permission: 'webhooks.manage' },
  { path: 'routing', permission: 'routing.manage' },
  { path: 'relationships', permission: 'channel.read' },
  { path: 'customer-relationships', permission: 'customers.manage' },
  { path: 'notices', permission: 'notices.manage' },
  { path: 'sla-policies', permission: 'sla.manage' },
  { path: 'audit', permission: 'audit.read' },
] as const satisfies readonly { path: string; permission: Me['permissions'][number] }[];

/** The administration sections the viewer may open. */
export function useAdminSections(): (typeof ADMIN_SECTIONS)[number][] {
  const { data } = useMe();
  return ADMIN_SECTIONS.filter((s) => data?.permissions.includes(s.permission));
}

/** Whether the viewer may open any administration section. */
export function useCanAdminister(): boolean {
  return useAdminSections().length > 0;
}

/** Follows the signed-in user's language. */
export function useUserLocale(): void {
  const { data } = useMe();
  const { locale, setLocale } = useLocale();
  const userLocale = data?.user.locale;
  useEffect(() => {
    if (userLocale && userLocale !== locale) setLocale(userLocale);
    // Only when the user (or their stored language) changes, not when the page's language does.
  }, [userLocale, data?.user.id]); // eslint-disable-line react-hooks/exhaustive-deps
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string; organizationId?: string }) => api<unknown>('POST', '/sessions', { body }),
    onSuccess: async () => {
      client.clear();
      await client.fetchQuery({ queryKey: ME_KEY, queryFn: () => api<Me>('GET', '/me') });
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', '/sessions/current'),
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

/** Changes the language: the user's own when signed in (remembered with the user), else this browser's. */
export function useChangeLanguage() {
  const client = useQueryClient();
  const { setLocale } = useLocale();
  const { data } = useMe();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      if (data) await api('PATCH', `/users/${data.user.id}`, { body: { locale } });
      return locale;
    },
    onSuccess: (locale) => {
      setLocale(locale);
      if (data) client.setQueryData(ME_KEY, { ...data, user: { ...data.user, locale } });
    },
  });
}
