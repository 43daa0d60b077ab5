import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { api, setApiHandlers } from './api.js';
import type { AuthStatus, Me, Role } from './types.js';

type AuthContextValue = {
  status: AuthStatus | undefined;
  me: Me | undefined;
  role: Role | undefined;
  loading: boolean;
  /** Re-read status and me (after login, sign-up). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);
const STATUS_KEY = ['auth', 'status'] as const;
const ME_KEY = ['auth', 'me'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => api<AuthStatus>('/auth/status'),
    staleTime: 60_000,
  });
  const authenticated = status.data?.authenticated === true;
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: () => api<Me>('/auth/me', { silent: true }),
    enabled: authenticated,
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    setApiHandlers({
      // Any 401 (expired session): forget everything and let the router show the login page.
      onUnauthenticated: () => {
        queryClient.setQueryData<AuthStatus>(STATUS_KEY, (s) => ({
          signupAllowed: s?.signupAllowed ?? false,
          authenticated: false,
        }));
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      },
    });
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ['auth'] });
    await queryClient.refetchQueries({ queryKey: STATUS_KEY });
  }, [queryClient]);

  const logout = useCallback(async () => {
    await api('/auth/logout', { method: 'POST', silent: true }).catch(() => undefined);
    queryClient.clear();
    await queryClient.fetchQuery({ queryKey: STATUS_KEY, queryFn: () => api<AuthStatus>('/auth/status') });
  }, [queryClient]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status: status.data,
      me: authenticated ? me.data : undefined,
      role: authenticated ? me.data?.actor.role : undefined,
      loading: status.isPending || (authenticated && me.isPending),
      refresh,
      logout,
    }),
    [status.data, status.isPending, authenticated, me.data, me.isPending, refresh, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
