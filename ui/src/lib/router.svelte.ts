//! Hash routes, so every screen has an address (reload keeps it, e2e tests can open it):
//! `#/contact`, `#/contact/new`, `#/contact/<id>`, `#/contact/<id>/edit`; and the tools:
//! `#/import` (or `#/import/<kind>`), `#/import/history`, `#/duplicates/<contact|company>`.
import type { Kind } from '../ipc/api';

/** The kinds the duplicate finder works on. */
export type DuplicateKind = 'contact' | 'company';

export type Route =
  | { name: 'home' }
  | { name: 'import'; kind: Kind | null }
  | { name: 'imports' }
  | { name: 'duplicates'; kind: DuplicateKind }
  | { name: 'list'; kind: Kind }
  | { name: 'new'; kind: Kind }
  | { name: 'detail'; kind: Kind; id: string }
  | { name: 'edit'; kind: Kind; id: string };

/** The tool screens (not tied to one kind's records). */
export type Tool = 'import' | 'imports' | 'duplicates';

export function toolOf(route: Route): Tool | null {
  return route.name === 'import' || route.name === 'imports' || route.name === 'duplicates'
    ? route.name
    : null;
}

export function parseRoute(hash: string, isKind: (value: string) => value is Kind): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  const [kind, id, action] = parts;
  if (kind === 'import') {
    if (id === 'history') return { name: 'imports' };
    return { name: 'import', kind: id !== undefined && isKind(id) ? id : null };
  }
  if (kind === 'duplicates') return { name: 'duplicates', kind: id === 'company' ? id : 'contact' };
  if (kind === undefined || !isKind(kind)) return { name: 'home' };
  if (id === undefined) return { name: 'list', kind };
  if (id === 'new' && action === undefined) return { name: 'new', kind };
  if (action === 'edit') return { name: 'edit', kind, id };
  return { name: 'detail', kind, id };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'import':
      return route.kind ? `#/import/${route.kind}` : '#/import';
    case 'imports':
      return '#/import/history';
    case 'duplicates':
      return `#/duplicates/${route.kind}`;
    case 'list':
      return `#/${route.kind}`;
    case 'new':
      return `#/${route.kind}/new`;
    case 'detail':
      return `#/${route.kind}/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/${route.kind}/${encodeURIComponent(route.id)}/edit`;
  }
}

/** The current route, following `location.hash`. */
export class Router {
  route: Route = $state({ name: 'home' });
  private readonly isKind: (value: string) => value is Kind;

  constructor(isKind: (value: string) => value is Kind) {
    this.isKind = isKind;
    this.sync();
  }

  /** Follows the address bar; returns the function that stops following it. */
  listen(): () => void {
    const onHashChange = () => this.sync();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }

  go(route: Route): void {
    const href = routeHref(route);
    if (window.location.hash !== href) window.location.hash = href;
    this.route = route;
  }

  /** Re-reads the address, e.g. once the schema has loaded and kinds are known. */
  refresh(): void {
    this.sync();
  }

  private sync(): void {
    this.route = parseRoute(window.location.hash, this.isKind);
  }
}
