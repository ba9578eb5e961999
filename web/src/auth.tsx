// Who is signed in: the token in localStorage and the actor it stands for.
import { clearAllDrafts } from './cases/drafts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Skeleton } from 'antd';
import { currentRegistry } from './platform/registry';
import { caseApi, tokenStore, UNAUTHORIZED_EVENT, type Actor, type Role } from './caseApi';

interface AuthState {
  actor: Actor | null;
  /** True until a stored token has been checked with /api/me. */
  checking: boolean;
  /** Why the user was last signed out (the server's message), for the login page. */
  notice: string | null;
  signIn: (username: string, password: string) => Promise<Actor>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [actor, setActor] = useState<Actor | null>(null);
  const [checking, setChecking] = useState(() => tokenStore.get() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!tokenStore.get()) return;
    const ctrl = new AbortController();
    caseApi.me(ctrl.signal).then(
      (a) => {
        setActor(a);
        setChecking(false);
      },
      (err: Error & { status?: number }) => {
        if (err.name === 'AbortError') return;
        if (err.status === 401) setNotice(err.message);
        setChecking(false);
      },
    );
    return () => ctrl.abort();
  }, []);

  // Any 401 from a protected request: sign out and go to the login page with the server's message.
  useEffect(() => {
    const onUnauthorized = (e: Event) => {
      setNotice((e as CustomEvent<string>).detail);
      setActor(null);
      setChecking(false);
      if (location.pathname === '/login') return;
      navigate('/login', { state: { message: (e as CustomEvent<string>).detail, from: location.pathname + location.search } });
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [navigate, location.pathname, location.search]);

  const signIn = useCallback(async (username: string, password: string) => {
    const r = await caseApi.login(username, password);
    tokenStore.set(r.token);
    setNotice(null);
    setActor(r.actor);
    return r.actor;
  }, []);

  const signOut = useCallback(async () => {
    await caseApi.logout().catch(() => undefined);
    tokenStore.set(null);
    // Drafts hold personal data: they leave with the account.
    clearAllDrafts();
    setActor(null);
  }, []);

  const value = useMemo(() => ({ actor, checking, notice, signIn, signOut }), [actor, checking, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Renders its children for a signed-in user (optionally of certain roles), else sends them to /login. */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { actor, checking, notice } = useAuth();
  const location = useLocation();
  if (checking) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!actor) return <Navigate to="/login" replace state={{ from: location.pathname + location.search, message: notice ?? '请先登录。' }} />;
  if (roles && !roles.includes(actor.role)) return <Navigate to="/cases" replace />;
  return <>{children}</>;
}

/** The landing page for a role after signing in: a procedure's own choice, else by what the role does (from the registry). */
export function homeFor(role: Role): string {
  const registry = currentRegistry();
  const chosen = registry?.procedures.find((p) => p.landing[role])?.landing[role];
  if (chosen) return chosen;
  // Plan users work on indicators and tasks, not cases.
  if (role === 'department' || role === 'plan_office') return '/plans/dashboard';
  if (role === 'admin') return '/dashboard';
  const level = registry?.roles.find((r) => r.id === role)?.level;
  // People and units acting for themselves follow their own cases; an office with steps to take, its inbox.
  if (level === 'own' || role === 'applicant' || role === 'enterprise') return '/cases';
  if (!registry || registry.procedures.some((p) => p.actors.includes(role))) return '/inbox';
  return '/dashboard';
}
