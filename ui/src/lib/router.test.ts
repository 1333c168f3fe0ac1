import { describe, expect, it } from 'vitest';
import type { Kind } from '../ipc/api';
import { parseRoute, routeHref, type Route } from './router.svelte';

const isKind = (value: string): value is Kind => ['contact', 'order_line'].includes(value);

describe('routes', () => {
  it('parses every screen’s address', () => {
    expect(parseRoute('', isKind)).toEqual({ name: 'home' });
    expect(parseRoute('#/contact', isKind)).toEqual({ name: 'list', kind: 'contact' });
    expect(parseRoute('#/contact/new', isKind)).toEqual({ name: 'new', kind: 'contact' });
    expect(parseRoute('#/order_line/abc', isKind)).toEqual({
      name: 'detail',
      kind: 'order_line',
      id: 'abc',
    });
    expect(parseRoute('#/contact/abc/edit', isKind)).toEqual({
      name: 'edit',
      kind: 'contact',
      id: 'abc',
    });
  });

  it('parses the import wizard, its history and the duplicate finder', () => {
    expect(parseRoute('#/import', isKind)).toEqual({ name: 'import', kind: null });
    expect(parseRoute('#/import/contact', isKind)).toEqual({ name: 'import', kind: 'contact' });
    expect(parseRoute('#/import/spaceship', isKind)).toEqual({ name: 'import', kind: null });
    expect(parseRoute('#/import/history', isKind)).toEqual({ name: 'imports' });
    expect(parseRoute('#/duplicates', isKind)).toEqual({ name: 'duplicates', kind: 'contact' });
    expect(parseRoute('#/duplicates/company', isKind)).toEqual({
      name: 'duplicates',
      kind: 'company',
    });
  });

  it('parses the dashboard’s sections, the overview and lists filtered by stored figures', () => {
    expect(parseRoute('#/', isKind)).toEqual({ name: 'home' });
    expect(parseRoute('#/dashboard/segments', isKind)).toEqual({
      name: 'dashboard',
      section: 'segments',
    });
    expect(parseRoute('#/dashboard/nonsense', isKind)).toEqual({ name: 'home' });
    expect(parseRoute('#/overview', isKind)).toEqual({ name: 'overview' });
    expect(parseRoute('#/contact?rfm_segment=Can%27t%20Lose', isKind)).toEqual({
      name: 'list',
      kind: 'contact',
      filters: { rfm_segment: "Can't Lose" },
    });
    // A space may come back as "+" (form encoding); any field, tag or figure is a filter
    // (the engine says which it lacks), and a name no field can have is ignored.
    expect(parseRoute('#/contact?cluster=high+value&tag=VIP&Bad-Name=1', isKind)).toEqual({
      name: 'list',
      kind: 'contact',
      filters: { cluster: 'high value', tag: 'VIP' },
    });
    expect(parseRoute('#/contact?tag=VIP%7CWholesale&birthday=..2000-12-31', isKind)).toEqual({
      name: 'list',
      kind: 'contact',
      filters: { birthday: '..2000-12-31', tag: 'VIP|Wholesale' },
    });
    expect(parseRoute('#/contact?Bad-Name=red', isKind)).toEqual({ name: 'list', kind: 'contact' });
    // Comparisons of the numeric figures, and an order, highest first.
    expect(parseRoute('#/contact?lead_score=%3E%3D70&sort=clv_365&desc=1', isKind)).toEqual({
      name: 'list',
      kind: 'contact',
      filters: { lead_score: '>=70' },
      sort: { key: 'clv_365', desc: true },
    });
    expect(parseRoute('#/contact?sort=rfm', isKind)).toEqual({
      name: 'list',
      kind: 'contact',
      sort: { key: 'rfm', desc: false },
    });
    // Not a name: no order rather than a query the engine refuses.
    expect(parseRoute('#/contact?sort=1%3Bdrop', isKind)).toEqual({
      name: 'list',
      kind: 'contact',
    });
  });

  it('sends unknown kinds home', () => {
    expect(parseRoute('#/spaceship/1', isKind)).toEqual({ name: 'home' });
  });

  it('round-trips through href', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'list', kind: 'contact' },
      { name: 'new', kind: 'contact' },
      { name: 'detail', kind: 'contact', id: 'id with/slash' },
      { name: 'edit', kind: 'order_line', id: '0190a5e4' },
      { name: 'import', kind: null },
      { name: 'import', kind: 'contact' },
      { name: 'imports' },
      { name: 'duplicates', kind: 'company' },
      { name: 'dashboard', section: 'satisfaction' },
      { name: 'overview' },
      { name: 'board' },
      { name: 'queue' },
      { name: 'list', kind: 'contact', filters: { rfm_segment: 'Champions' } },
      {
        name: 'list',
        kind: 'contact',
        filters: { cluster: '高价值 & loyal', rfm_segment: 'Loyal' },
      },
      { name: 'list', kind: 'contact', sort: { key: 'lead_score', desc: true } },
      {
        name: 'list',
        kind: 'contact',
        filters: { clv_365: '>=1000', lead_score: '<50' },
        sort: { key: 'rfm', desc: false },
      },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route), isKind)).toEqual(route);
  });
});
