import { render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kind, KindSchema, Related } from '../ipc/api';
import { recordedAnswer, recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas } from '../lib/i18n/schema';
import RelatedRecords from './RelatedRecords.svelte';

afterEach(() => {
  uninstallMockBackend();
  i18n.set('en');
});

/** A recorded `related` answer of the demo whose record has relationships and `group`. */
function recorded(kind: Kind, group: string): { id: string; answer: Related } {
  const call = recordedCalls('related').find(
    (entry) =>
      entry.args.kind === kind &&
      (entry.answer as Related).links.length > 0 &&
      (entry.answer as Related).groups.some((g) => g.key === group),
  );
  expect(call, `the demo has a ${kind} with relationships and ${group}`).toBeDefined();
  return { id: String(call?.args.id), answer: call?.answer as Related };
}

function show(kind: Kind, id: string) {
  const schemas = localizeSchemas(recordedAnswer<KindSchema[]>('schema'));
  render(RelatedRecords, {
    kind,
    id,
    kindLabel: (k: Kind) => schemas.find((s) => s.kind === k)?.label ?? k,
    schemaOf: (k: Kind) => schemas.find((s) => s.kind === k),
  });
}

describe('related records on a page', () => {
  it("lists a company's relationships and people, and links to all of its orders", async () => {
    installReplayBackend(new ReplayBackend());
    const { id, answer } = recorded('company', 'people');
    show('company', id);
    const links = await screen.findAllByTestId('related-link');
    expect(links).toHaveLength(answer.links.length);
    for (const [index, link] of answer.links.entries()) {
      const other = within(links[index] as HTMLElement).getByText(link.other_title ?? '');
      expect(other.getAttribute('href')).toBe(`#/${link.other_kind}/${link.other_id}`);
    }
    const people = screen.getByTestId('related-people');
    const group = answer.groups.find((g) => g.key === 'people');
    expect(within(people).getByRole('heading').textContent).toContain(String(group?.total));
    for (const row of group?.rows ?? [])
      expect(within(people).getByText(row.title).getAttribute('href')).toBe(`#/contact/${row.id}`);
    const orders = answer.groups.find((g) => g.key === 'orders');
    const all = screen.getByTestId('related-all-orders');
    expect(all.textContent).toBe(`Show all ${orders?.total}`);
    // The link opens the orders list filtered to this company.
    expect(all.getAttribute('href')).toBe(`#/order?company_id=${id}`);
  });

  it('says in Chinese which groups these are and what a row shows', async () => {
    i18n.set('zh');
    installReplayBackend(new ReplayBackend());
    const { id } = recorded('contact', 'orders');
    show('contact', id);
    expect((await screen.findByTestId('related-links')).textContent).toContain('关系');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('相关记录');
    expect(within(screen.getByTestId('related-orders')).getByRole('heading').textContent).toContain(
      '订单',
    );
    expect(screen.getByTestId('related').textContent).not.toMatch(/Related|Orders|Show all/);
  });

  it('says so when the related records cannot be read', async () => {
    installReplayBackend(new ReplayBackend());
    // The recorder asked for a contact that is not there; the engine refused.
    const refused = recordedCalls('related').find((entry) => 'error' in entry && entry.error);
    expect(refused, 'a refused call is recorded').toBeDefined();
    show('contact', String(refused?.args.id));
    expect(
      (await screen.findByText(/Could not load the related records/)).textContent,
    ).toBeTruthy();
  });
});
