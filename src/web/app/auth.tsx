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

// After a chosen logout the next login starts at home; after an expired session it returns to the page.
let chosenLogout = false;
export const isChosenLogout = () => chosenLogout;

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

  // Signed out (logout or any 401 such as an expired session): mark the status and drop every cached
  // answer; the router then shows the login page. The status query stays in the cache (observers keep
  // watching it) and is re-read for signupAllowed.
  const signedOut = useCallback(() => {
    queryClient.setQueryData<AuthStatus>(STATUS_KEY, (s) => ({
      signupAllowed: s?.signupAllowed ?? false,
      authenticated: false,
    }));
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
  }, [queryClient]);

  useEffect(() => {
    setApiHandlers({ onUnauthenticated: signedOut });
  }, [signedOut]);

  const refresh = useCallback(async () => {
    chosenLogout = false;
    await queryClient.invalidateQueries({ queryKey: ['auth'] });
    await queryClient.refetchQueries({ queryKey: STATUS_KEY });
  }, [queryClient]);

  const logout = useCallback(async () => {
    await api('/auth/logout', { method: 'POST', silent: true }).catch(() => undefined);
    chosenLogout = true;
    signedOut();
  }, [signedOut]);

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
