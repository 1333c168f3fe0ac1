import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntityRecord, ErrorReport, Kind, KindSchema } from '../ipc/api';
import { recordedAnswer, recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import RecordForm from './RecordForm.svelte';

// The engine's answers to what the form sends, recorded on the demo data (`forms` in
// src-tauri/src/record.rs).
let backend: ReplayBackend;

function schemaOf(kind: Kind): KindSchema {
  const schema = recordedAnswer<KindSchema[]>('schema', {}, 'forms').find((s) => s.kind === kind);
  if (!schema) throw new Error(`no ${kind} schema recorded`);
  return schema;
}

/** The contact the form edits, as the engine answered `record_get` before any edit. */
function edited(): EntityRecord {
  const [call] = recordedCalls('record_get', 'forms');
  return call?.answer as EntityRecord;
}

const kindLabel = (kind: Kind) => kind;

beforeEach(() => {
  backend = installReplayBackend(new ReplayBackend({ workspace: 'forms' }));
});

afterEach(() => uninstallMockBackend());

async function type(testid: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe('RecordForm', () => {
  it('shows each engine issue under its own field', async () => {
    const onsaved = vi.fn();
    render(RecordForm, { schema: schemaOf('contact'), kindLabel, onsaved, oncancel: vi.fn() });
    await type('field-email', 'li.lei-at-example');
    await fireEvent.click(screen.getByTestId('save-button'));

    // The engine refused two fields: the bad email, and the first name because a contact
    // then has nothing to identify anyone by. Each reason is shown as the engine gave it.
    const refused = recordedCalls('record_create', 'forms').find((call) => call.error)?.error;
    const reason = (field: string) =>
      refused?.issues.find((issue) => issue.field === field)?.reason ?? `no issue for ${field}`;
    const email = await screen.findByTestId('issue-email');
    expect(email).toHaveTextContent(reason('email'));
    expect(reason('email')).toContain('not a valid email address');
    expect(within(screen.getByTestId('form-field-email')).getByTestId('issue-email')).toBe(email);
    expect(
      within(screen.getByTestId('form-field-first_name')).getByTestId('issue-first_name'),
    ).toHaveTextContent(reason('first_name'));
    expect(screen.queryByTestId('issue-last_name')).toBeNull();
    expect(screen.queryByTestId('issue-phone')).toBeNull();
    expect(screen.getByTestId('field-email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('form-error')).toHaveTextContent('Please fix 2 fields');
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('creates a record from strings and reports it', async () => {
    const onsaved = vi.fn();
    render(RecordForm, { schema: schemaOf('contact'), kindLabel, onsaved, oncancel: vi.fn() });
    await type('field-last_name', '李');
    await type('field-first_name', '雷');
    await type('field-email', 'li.lei@example.cn');
    await fireEvent.change(screen.getByTestId('field-source'), { target: { value: 'referral' } });
    await fireEvent.click(screen.getByTestId('save-button'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const call = backend.calls.find((entry) => entry.command === 'record_create');
    expect(call?.args).toMatchObject({
      kind: 'contact',
      input: {
        first_name: '雷',
        last_name: '李',
        email: 'li.lei@example.cn',
        source: 'referral',
        phone: '',
      },
    });
    // The engine builds the title: a CJK name is family name first, without a space.
    expect(onsaved.mock.calls[0]?.[0]).toMatchObject({ title: '李雷' });
  });

  it('sends a ticked checkbox as the string true', async () => {
    const onsaved = vi.fn();
    render(RecordForm, { schema: schemaOf('product'), kindLabel, onsaved, oncancel: vi.fn() });
    await type('field-name', '龙井礼盒');
    await fireEvent.click(screen.getByTestId('field-active'));
    await fireEvent.click(screen.getByTestId('save-button'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const call = backend.calls.find((entry) => entry.command === 'record_create');
    expect(call?.args).toMatchObject({
      kind: 'product',
      input: { name: '龙井礼盒', active: 'true', price: '' },
    });
    expect(onsaved.mock.calls[0]?.[0]).toMatchObject({
      title: '龙井礼盒',
      values: { active: true },
    });
  });

  it('sends only the changed fields when editing', async () => {
    const record = edited();
    const onsaved = vi.fn();
    render(RecordForm, {
      schema: schemaOf('contact'),
      id: record.id,
      kindLabel,
      onsaved,
      oncancel: vi.fn(),
    });
    await waitFor(() =>
      expect(screen.getByTestId('field-first_name')).toHaveValue(String(record.values.first_name)),
    );
    expect(screen.getByTestId('field-last_name')).toHaveValue(String(record.values.last_name));
    expect(screen.getByTestId('field-company_id')).toHaveValue(record.refs.company_id);
    await type('field-city', '北京');
    await fireEvent.click(screen.getByTestId('save-button'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const call = backend.calls.find((entry) => entry.command === 'record_update');
    expect(call?.args).toEqual({ kind: 'contact', id: record.id, input: { city: '北京' } });
    expect(onsaved.mock.calls[0]?.[0].values.city, 'the record as the engine saved it').toBe(
      '北京',
    );
  });

  it('shows other engine errors in a banner', async () => {
    const conflict: ErrorReport = {
      code: 'database',
      message: 'The database is locked by another program',
      issues: [],
    };
    backend.handle = async () => {
      throw conflict;
    };
    render(RecordForm, {
      schema: schemaOf('contact'),
      kindLabel,
      onsaved: vi.fn(),
      oncancel: vi.fn(),
    });
    await type('field-first_name', 'Someone');
    await fireEvent.click(screen.getByTestId('save-button'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent(
      'The database is locked by another program',
    );
  });

  it('picks a ref by searching its kind', async () => {
    const [call] = recordedCalls('search', 'forms');
    const query = String(call?.args.query);
    const [hit] = call?.answer as Array<{ title: string }>;
    render(RecordForm, {
      schema: schemaOf('deal'),
      kindLabel,
      onsaved: vi.fn(),
      oncancel: vi.fn(),
    });
    await fireEvent.focus(screen.getByTestId('field-company_id'));
    await type('field-company_id', query);
    const option = await screen.findByTestId('field-company_id-option-0');
    expect(option).toHaveTextContent(hit?.title ?? '');
    const search = backend.calls.filter((entry) => entry.command === 'search').at(-1);
    expect(search?.args).toMatchObject({ query, kinds: ['company'] });
    await fireEvent.click(option);
    expect(screen.getByTestId('field-company_id')).toHaveValue(hit?.title);
  });
});

describe('RecordForm custom fields', () => {
  it('sends custom fields as custom.NAME keys and clears removed ones', async () => {
    const record = edited();
    const onsaved = vi.fn();
    render(RecordForm, {
      schema: schemaOf('contact'),
      id: record.id,
      kindLabel,
      onsaved,
      oncancel: vi.fn(),
    });
    // The record's 微信 custom field is shown for editing.
    await waitFor(() => expect(screen.getByTestId('custom-name-0')).toHaveValue('微信'));
    await fireEvent.click(screen.getByTestId('custom-remove-0'));
    await fireEvent.click(screen.getByTestId('custom-add'));
    await type('custom-name-0', 'Shoe size');
    await type('custom-value-0', '42');
    await fireEvent.click(screen.getByTestId('save-button'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const call = backend.calls.find((entry) => entry.command === 'record_update');
    expect(call?.args.input).toEqual({ 'custom.微信': '', 'custom.Shoe size': '42' });
    expect(onsaved.mock.calls[0]?.[0].custom).toMatchObject({ 'Shoe size': '42' });
    expect(onsaved.mock.calls[0]?.[0].custom['微信']).toBeUndefined();
  });
});
