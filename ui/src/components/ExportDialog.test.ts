import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportOptions, Kind, KindSchema } from '../ipc/api';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { exportFileName } from '../lib/importing';
import ListView from './ListView.svelte';
import Toasts from './Toasts.svelte';

let backend: MockBackend;

function schemaOf(kind: Kind): KindSchema {
  const schema = backend.schemas.find((candidate) => candidate.kind === kind);
  if (!schema) throw new Error(`mock has no ${kind} schema`);
  return schema;
}

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => uninstallMockBackend());

describe('export from a list', () => {
  it('exports only the filtered records as CSV for Excel, and says where', async () => {
    render(ListView, { schema: schemaOf('contact'), onopen: vi.fn(), onnew: vi.fn() });
    render(Toasts);
    await screen.findByText('li.ming@hztea.example.cn');
    await fireEvent.input(screen.getByTestId('filter-box'), { target: { value: 'wang' } });
    await waitFor(() => expect(screen.getByTestId('list-total')).toHaveTextContent('1 contact'));

    await fireEvent.click(screen.getByTestId('export-button'));
    expect(await screen.findByTestId('export-scope-shown')).toBeChecked();
    expect(screen.getByTestId('export-dialog')).toHaveTextContent('Only the 1 contact shown');
    await fireEvent.click(screen.getByTestId('export-format-csv-bom'));
    await fireEvent.click(screen.getByTestId('export-save'));

    const toast = await screen.findByTestId('toast-success');
    const name = exportFileName('Contacts', 'csv', new Date());
    expect(toast).toHaveTextContent(`Wrote 1 contact to /home/you/Documents/${name}`);
    const call = backend.calls.find((entry) => entry.command === 'export');
    const options = call?.args.options as ExportOptions;
    expect(call?.args.path).toBe(`/home/you/Documents/${name}`);
    expect(options).toMatchObject({
      format: 'csv',
      bom: true,
      query: { text: 'wang', filters: {} },
    });
    expect(backend.files.get(`/home/you/Documents/${name}`)?.startsWith('\ufeffid,')).toBe(true);
    expect(screen.queryByTestId('export-dialog')).toBeNull();
  });

  it('exports everything when asked, offers vCard for contacts only, and closes on Escape', async () => {
    render(ListView, { schema: schemaOf('company'), onopen: vi.fn(), onnew: vi.fn() });
    await screen.findByText('杭州茶叶有限公司');
    await fireEvent.click(screen.getByTestId('export-button'));
    expect(await screen.findByTestId('export-scope-all')).toBeChecked();
    // Without a filter there is nothing narrower to export.
    expect(screen.getByTestId('export-scope-shown')).toBeDisabled();
    expect(screen.queryByTestId('export-format-vcf')).toBeNull();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('export-dialog')).toBeNull();

    await fireEvent.click(screen.getByTestId('export-button'));
    await fireEvent.click(await screen.findByTestId('export-format-xlsx'));
    await fireEvent.click(screen.getByTestId('export-save'));
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());
    const options = backend.calls.find((entry) => entry.command === 'export')?.args
      .options as ExportOptions;
    expect(options).toMatchObject({ format: 'xlsx', bom: false, query: { text: null } });
  });
});
