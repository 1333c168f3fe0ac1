import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../ipc/api';
import { recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import HistoryList from './HistoryList.svelte';

afterEach(() => uninstallMockBackend());

describe('the history of a record', () => {
  it('lists every change, a creation rebuilt as one row per field under one seq', async () => {
    installReplayBackend(new ReplayBackend());
    // A demo record the engine answered with a creation entry (rows that share a seq).
    const call = recordedCalls('history').find((entry) => {
      const seqs = (entry.answer as Change[]).map((change) => change.seq);
      return new Set(seqs).size < seqs.length;
    });
    const changes = call?.answer as Change[];
    expect(changes, 'the demo has such a record').toBeDefined();
    render(HistoryList, {
      id: String(call?.args.id),
      fieldLabel: (field: string) => field,
      describe: (_field: string, value: unknown) => (value === null ? '' : String(value)),
    });
    expect(await screen.findAllByTestId('history-row')).toHaveLength(changes.length);
    expect(screen.queryByText('Loading history…')).toBeNull();
  });
});
