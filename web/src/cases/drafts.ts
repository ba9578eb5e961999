// Drafts of long application forms, kept in this browser only (localStorage), per account and form. They hold
// personal data, so they are removed on submit and when the account signs out (clearAllDrafts).
const PREFIX = 'zhengwu:draft:';

export function readDraft(key: string): { savedAt: string; value: unknown } | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    const d = raw ? (JSON.parse(raw) as { savedAt?: unknown; value?: unknown }) : null;
    return d && typeof d.savedAt === 'string' ? { savedAt: d.savedAt, value: d.value } : null;
  } catch {
    return null; // storage blocked or a damaged entry: start afresh
  }
}

/** Saves and returns the time saved (null when the browser refuses storage). */
export function saveDraft(key: string, value: unknown): string | null {
  const savedAt = new Date().toISOString();
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ savedAt, value }));
    return savedAt;
  } catch {
    return null;
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    /* nothing stored */
  }
}

export function clearAllDrafts(): void {
  try {
    for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX)) localStorage.removeItem(k);
  } catch {
    /* nothing stored */
  }
}
