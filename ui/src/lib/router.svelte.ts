//! Hash routes, so every screen has an address (reload keeps it, e2e tests can open it):
//! `#/` the dashboard (`#/dashboard/<section>` its other sections), `#/overview` the record
//! counts; `#/contact` (`#/contact?rfm_segment=Champions` filtered by stored figures,
//! `#/contact?sort=clv_365&desc=1` sorted, highest value first),
//! `#/contact/new`, `#/contact/<id>`, `#/contact/<id>/edit`; and the tools: `#/import` (or
//! `#/import/<kind>`), `#/import/history`, `#/duplicates/<contact|company>`, and the values
//! imports kept for review: `#/review` (or `#/review/<kind>`); any list filtered to the records
//! with such values is `#/contact?review=yes`; `#/backups` the backups of the database;
//! `#/settings` the window's settings (its language).
import type { Kind } from '../ipc/api';

/** The kinds the duplicate finder works on. */
export type DuplicateKind = 'contact' | 'company';

/** The dashboard's sections after its overview (which is the home screen). */
export const DASHBOARD_SECTIONS = ['segments', 'value', 'scores', 'satisfaction'] as const;
export type DashboardSection = 'overview' | (typeof DASHBOARD_SECTIONS)[number];

/**
 * List filters as `ListQuery.filters` takes them: by a field of the kind (a value, several
 * `a|b`, a comparison `>=1000` or a range `2026-01-01..2026-03-31`, see the engine's
 * `store/filters.rs`), by tag (`tag=VIP`), by a stored analysis figure (segment and cluster
 * names, and for the numbers a value or a comparison, `lead_score=>=70`), and `review=yes`:
 * only records with values an import kept for review. The engine checks the names.
 */
export type ListFilters = Partial<Record<string, string>>;

/** The query-string names that are not filters. */
const NOT_FILTERS = new Set(['sort', 'desc']);

/** A list's order: the field or figure (`ListQuery.sort`) and its direction. */
export type ListSort = { key: string; desc: boolean };

export type Route =
  | { name: 'home' }
  | { name: 'today' }
  | { name: 'board' }
  | { name: 'queue' }
  | { name: 'dashboard'; section: Exclude<DashboardSection, 'overview'> }
  | { name: 'overview' }
  | { name: 'import'; kind: Kind | null }
  | { name: 'imports' }
  | { name: 'duplicates'; kind: DuplicateKind }
  | { name: 'review'; kind: Kind | null }
  | { name: 'backups' }
  | { name: 'settings' }
  | { name: 'list'; kind: Kind; filters?: ListFilters; sort?: ListSort }
  | { name: 'new'; kind: Kind }
  | { name: 'detail'; kind: Kind; id: string }
  | { name: 'edit'; kind: Kind; id: string };

/** The tool screens (not tied to one kind's records). */
export type Tool = 'import' | 'imports' | 'duplicates' | 'review' | 'backups';

export function toolOf(route: Route): Tool | null {
  return route.name === 'import' ||
    route.name === 'imports' ||
    route.name === 'duplicates' ||
    route.name === 'review' ||
    route.name === 'backups'
    ? route.name
    : null;
}

function isSection(value: string | undefined): value is (typeof DASHBOARD_SECTIONS)[number] {
  return (DASHBOARD_SECTIONS as readonly string[]).includes(value ?? '');
}

/** The list filters of a query string (`stage=won&tag=VIP`), in a stable order. */
function parseFilters(search: string): ListFilters | null {
  const params = new URLSearchParams(search);
  const filters: ListFilters = {};
  for (const [name, value] of [...params.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!NOT_FILTERS.has(name) && /^[a-z][a-z0-9_.]*$/.test(name) && value !== '')
      filters[name] = value;
  }
  return Object.keys(filters).length > 0 ? filters : null;
}

/** The order of a query string (`sort=clv_365&desc=1`); a name the engine checks. */
function parseSort(search: string): ListSort | null {
  const params = new URLSearchParams(search);
  const key = params.get('sort');
  if (key === null || !/^[a-z][a-z0-9_]*$/.test(key)) return null;
  return { key, desc: params.get('desc') === '1' };
}

export function parseRoute(hash: string, isKind: (value: string) => value is Kind): Route {
  const bare = hash.replace(/^#\/?/, '');
  const mark = bare.indexOf('?');
  const path = mark < 0 ? bare : bare.slice(0, mark);
  const parts = path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  const [kind, id, action] = parts;
  if (kind === 'dashboard')
    return isSection(id) ? { name: 'dashboard', section: id } : { name: 'home' };
  if (kind === 'overview') return { name: 'overview' };
  if (kind === 'today') return { name: 'today' };
  if (kind === 'board') return { name: 'board' };
  if (kind === 'queue') return { name: 'queue' };
  if (kind === 'import') {
    if (id === 'history') return { name: 'imports' };
    return { name: 'import', kind: id !== undefined && isKind(id) ? id : null };
  }
  if (kind === 'backups') return { name: 'backups' };
  if (kind === 'settings') return { name: 'settings' };
  if (kind === 'duplicates') return { name: 'duplicates', kind: id === 'company' ? id : 'contact' };
  if (kind === 'review')
    return { name: 'review', kind: id !== undefined && isKind(id) ? id : null };
  if (kind === undefined || !isKind(kind)) return { name: 'home' };
  if (id === undefined) {
    const search = mark < 0 ? '' : bare.slice(mark + 1);
    const filters = parseFilters(search);
    const sort = parseSort(search);
    return {
      name: 'list',
      kind,
      ...(filters ? { filters } : {}),
      ...(sort ? { sort } : {}),
    };
  }
  if (id === 'new' && action === undefined) return { name: 'new', kind };
  if (action === 'edit') return { name: 'edit', kind, id };
  return { name: 'detail', kind, id };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'dashboard':
      return `#/dashboard/${route.section}`;
    case 'overview':
      return '#/overview';
    case 'today':
      return '#/today';
    case 'board':
      return '#/board';
    case 'queue':
      return '#/queue';
    case 'import':
      return route.kind ? `#/import/${route.kind}` : '#/import';
    case 'imports':
      return '#/import/history';
    case 'duplicates':
      return `#/duplicates/${route.kind}`;
    case 'review':
      return route.kind ? `#/review/${route.kind}` : '#/review';
    case 'backups':
      return '#/backups';
    case 'settings':
      return '#/settings';
    case 'list': {
      const params = Object.entries(route.filters ?? {})
        .filter((entry): entry is [string, string] => !!entry[1] && !NOT_FILTERS.has(entry[0]))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
      if (route.sort) {
        params.push(`sort=${encodeURIComponent(route.sort.key)}`);
        if (route.sort.desc) params.push('desc=1');
      }
      const search = params.join('&');
      return search ? `#/${route.kind}?${search}` : `#/${route.kind}`;
    }
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
