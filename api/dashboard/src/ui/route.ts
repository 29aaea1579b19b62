// Client routes (history API) and the URL's query parameters as shared page state.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(path: string) {
  history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

/** Replaces query parameters (keeping the others), without a new history entry. */
export function setParams(changes: Record<string, string | null>) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null) params.delete(k);
    else params.set(k, v);
  }
  history.replaceState(null, '', `${location.pathname}?${params}`);
  listeners.forEach((l) => l());
}

export function useLocation(): { path: string; params: URLSearchParams } {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { path: location.pathname, params: new URLSearchParams(location.search) };
}
