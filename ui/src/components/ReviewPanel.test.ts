import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlaggedPage, KindSchema, RecleanReport } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas } from '../lib/i18n/schema';
import ListView from './ListView.svelte';
import ReviewPanel from './ReviewPanel.svelte';

// The values the engine kept for review after importing google_contacts.csv and a Belgian
// customer's French mobile, and its re-clean of them in France (`files` in
// src-tauri/src/record.rs).
let backend: ReplayBackend;

const schemas = () => recordedAnswer<KindSchema[]>('schema', {}, 'files');
const flagged = () =>
  recordedAnswer<FlaggedPage>('review_list', { kind: 'contact', limit: 500 }, 'files');
const RECLEAN = { kind: 'contact', options: { default_country: 'FR', date_order: 'dmy' } };

beforeEach(() => {
  backend = installReplayBackend(new ReplayBackend({ workspace: 'files' }));
});

afterEach(() => {
  uninstallMockBackend();
  i18n.set('en');
});

describe('the review panel', () => {
  it('lists the kept values by field, each record a link that opens it', async () => {
    render(ReviewPanel, { kind: 'contact', schemas: schemas() });
    const page = flagged();
    const phones = page.items.filter((item) => item.field === 'phone');
    const emails = page.items.filter((item) => item.field === 'email');
    expect(await screen.findByTestId('review-total')).toHaveTextContent(
      `${page.items.length} values in ${page.records} contacts`,
    );
    expect(screen.getByTestId('review-group-contact.phone')).toHaveTextContent(
      `Phone · ${phones.length}`,
    );
    expect(screen.getByTestId('review-group-contact.email')).toHaveTextContent(
      `Email · ${emails.length}`,
    );
    const marie = phones.find((item) => item.title === 'Marie Dupont');
    expect(marie, 'the French mobile did not read in Belgium').toBeDefined();
    const row = within(screen.getByTestId('review-group-contact.phone'))
      .getAllByTestId('review-item')
      .find((item) => item.textContent?.includes('Marie Dupont'));
    expect(row, 'the title, the text as written, its column and why').toHaveTextContent(
      `Marie Dupont${marie?.raw} column ${marie?.column}${marie?.reason}`,
    );
    expect(
      screen.getByTestId(`review-open-${marie?.record_id}`),
      'clicking a record opens it',
    ).toHaveAttribute('href', `#/contact/${marie?.record_id}`);
    expect(
      backend.calls.find((call) => call.command === 'review_list')?.args,
      'only the kind of the address is asked for',
    ).toEqual({ kind: 'contact', limit: 500 });
  });

  it('re-cleans with a country and a date order, then says what cleaned and what is left', async () => {
    render(ReviewPanel, { kind: 'contact', schemas: schemas() });
    await screen.findByTestId('review-total');

    await fireEvent.input(screen.getByTestId('review-country'), { target: { value: 'fr ' } });
    await fireEvent.change(screen.getByTestId('review-date-order'), { target: { value: 'dmy' } });
    await fireEvent.click(screen.getByTestId('review-reclean'));

    const result = await screen.findByTestId('review-result');
    expect(
      backend.calls.find((call) => call.command === 'review_reclean')?.args,
      'the country goes to the engine as an ISO code, the date order as chosen',
    ).toEqual(RECLEAN);
    const report = recordedAnswer<RecleanReport>('review_reclean', RECLEAN, 'files');
    expect(
      screen.getByTestId('review-cleaned-count'),
      "the engine's cleaned list, counted",
    ).toHaveTextContent(String(report.cleaned.length));
    expect(screen.getByTestId('review-still-count'), "the engine's `still`").toHaveTextContent(
      String(report.still),
    );
    expect(
      result,
      'each cleaned value: record, field, as written → as written now',
    ).toHaveTextContent('Marie Dupont Phone 06 12 34 56 78 +33612345678');
  });

  it('says when there is nothing to review, and re-clean has nothing to do', async () => {
    render(ReviewPanel, { kind: 'company', schemas: schemas() });
    expect(await screen.findByText('Nothing to review')).toBeInTheDocument();
    expect(
      screen.getByTestId('review-reclean'),
      'nothing kept, nothing to re-clean',
    ).toBeDisabled();
  });
});

describe('the needs-review filter of a list', () => {
  it('shows how many records have values to review, and filters the list to them', async () => {
    const schema = schemas().find((candidate) => candidate.kind === 'contact');
    if (!schema) throw new Error('no contact schema recorded');
    render(ListView, { schema, onopen: vi.fn(), onnew: vi.fn() });
    const toggle = await screen.findByTestId('review-filter');
    const page = recordedAnswer<FlaggedPage>(
      'review_list',
      { kind: 'contact', limit: 1000 },
      'files',
    );
    expect(screen.getByTestId('review-count'), "the engine's count of records").toHaveTextContent(
      String(page.records),
    );
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await fireEvent.click(toggle);
    await waitFor(() =>
      expect(
        backend.calls.filter((call) => call.command === 'record_list').at(-1)?.args,
        'the list asks the engine for review=yes',
      ).toMatchObject({ kind: 'contact', query: { filters: { review: 'yes' } } }),
    );
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('the review panel in Chinese', () => {
  afterEach(() => i18n.set('en'));

  it('lists and re-cleans the kept values in Chinese, each said why from its code', async () => {
    i18n.set('zh');
    render(ReviewPanel, { kind: 'contact', schemas: localizeSchemas(schemas(), 'zh') });
    const page = flagged();
    const phones = page.items.filter((item) => item.field === 'phone');
    expect(await screen.findByTestId('review-total')).toHaveTextContent(
      `${page.records} 条联系人中共有 ${page.items.length} 个值`,
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('待核对的值');
    const group = screen.getByTestId('review-group-contact.phone');
    expect(group).toHaveTextContent(`电话 · ${phones.length}`);
    const headers = within(group)
      .getAllByRole('columnheader')
      .map((header) => header.textContent?.trim());
    expect(headers).toEqual(['记录', '原文', '保留原因']);
    const marie = phones.find((item) => item.title === 'Marie Dupont');
    expect(within(group).getAllByTestId('review-column')[0]).toHaveTextContent('列：');
    expect(marie?.code?.code, 'the French mobile was stored as written').toBe('stored_as_written');
    expect(group, 'why, said from its code; the country by its Chinese name').toHaveTextContent(
      '“06 12 34 56 78”不是有效的比利时电话号码；已按原样保存',
    );
    expect(group).not.toHaveTextContent('kept as written');
    expect(screen.getByTestId('review-group-contact.email')).toHaveTextContent(
      '“dana@whitfield.example ::: dana.whitfield@example.org”包含多个邮箱地址；已使用第一个',
    );
    expect(screen.getByTestId('review-date-order')).toHaveTextContent('日在前');

    await fireEvent.input(screen.getByTestId('review-country'), { target: { value: 'fr ' } });
    await fireEvent.change(screen.getByTestId('review-date-order'), { target: { value: 'dmy' } });
    expect(screen.getByTestId('review-reclean')).toHaveTextContent('重新清理');
    await fireEvent.click(screen.getByTestId('review-reclean'));
    const result = await screen.findByTestId('review-result');
    expect(result).toHaveTextContent('个值已清理');
    expect(result).toHaveTextContent('个仍待核对');
    expect(result).toHaveTextContent('Marie Dupont 电话');

    const ours = [
      screen.getByRole('heading', { level: 1 }).parentElement,
      screen.getByTestId('review-total'),
      result,
      within(group).getAllByRole('columnheader')[0]?.parentElement,
    ].map((element) => element?.textContent ?? '');
    for (const english of ['Values to review', 'values in', 'cleaned', 'Record', 'As written']) {
      expect(ours.join(' '), `"${english}" is said in Chinese`).not.toContain(english);
    }
  });
});
