// The registered procedures and roles, as the server publishes them (GET /api/registry). The navigation,
// the cases list, the inbox and the generic screens read this; the web names no procedure of its own.
import { useSyncExternalStore } from 'react';
import type { AreaLevel } from '../../../src/platform/areas';
import { ROLE_LABELS } from '../../../src/platform/roles';

export interface RegistryRole {
  id: string;
  label: string;
  level: 'city' | AreaLevel | 'own';
  placedAt: AreaLevel | null;
  needsUnit: boolean;
}
export interface RegistryProcedure {
  id: string;
  name: string;
  summary: string;
  group: string;
  page: string | null;
  intakePage: string | null;
  areaLabels: Record<AreaLevel, string>;
  governingDocuments: string[];
  filedBy: { id: string; label: string }[];
  actors: string[];
  readers: string[];
  landing: Record<string, string>;
  navLabel: string | null;
}
export interface Registry {
  roles: RegistryRole[];
  procedures: RegistryProcedure[];
}

/** Role labels: the platform's known at build time, the modules' once the registry has loaded. */
export const ROLE_NAMES: Record<string, string> = { ...ROLE_LABELS };
export const roleName = (id: string) => ROLE_NAMES[id] ?? id;

let current: Registry | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function load() {
  loading ??= fetch('/api/registry')
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((r: Registry) => {
      for (const role of r.roles) ROLE_NAMES[role.id] = role.label;
      current = r;
      listeners.forEach((l) => l());
    })
    .catch(() => {
      // Retried on the next subscriber; screens show their empty state meanwhile.
      loading = null;
    });
  return loading;
}

/** The registry (null until loaded). */
export function useRegistry(): Registry | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      if (!current) void load();
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** The registry if it has loaded (for code outside components). */
export const currentRegistry = () => current;

/** The URL where a procedure's application is filed: its own page when it has one, else the generic form. */
export const intakePath = (p: RegistryProcedure) => p.intakePage ?? `/procedures/${encodeURIComponent(p.id)}/apply`;
/** Whether an account of this role may file the procedure. */
export const canFile = (p: RegistryProcedure, role: string | undefined) => Boolean(role && p.filedBy.some((r) => r.id === role));
