import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DealStage } from '../ipc/api';
import { recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { moveStage, stageName } from '../lib/board';
import { i18n } from '../lib/i18n/index.svelte';
import { choiceLabel } from '../lib/i18n/schema';
import { stageNames } from '../lib/stages.svelte';
import StagesDialog from './StagesDialog.svelte';

// The stages dialog against the engine's recorded answers (the edits workspace): a stage that
// holds a deal switched off is refused on its row; proposal renamed, set to 40 % and moved
// first is saved as the engine answered.
afterEach(() => {
  uninstallMockBackend();
  i18n.set('en');
});

function open() {
  const backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
  const onsaved = vi.fn<(stages: DealStage[]) => void>();
  render(StagesDialog, { onclose: () => {}, onsaved });
  return { backend, onsaved };
}

describe('the deal stages dialog', () => {
  it('shows the refusal of a stage that still holds a deal on its row', async () => {
    const { onsaved } = open();
    await fireEvent.click(await screen.findByTestId('stage-active-lead'));
    await fireEvent.click(screen.getByTestId('stages-save'));
    expect(await screen.findByTestId('stage-issue-lead')).toHaveTextContent(
      '1 deal is still in this stage: move it to another stage first',
    );
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('says the refusal in Chinese in a Chinese window, by its code', async () => {
    i18n.set('zh');
    open();
    await fireEvent.click(await screen.findByTestId('stage-active-lead'));
    await fireEvent.click(screen.getByTestId('stages-save'));
    expect(await screen.findByTestId('stage-issue-lead')).toHaveTextContent(
      '此阶段还有 1 个商机：请先把它们移到其他阶段',
    );
  });

  it('saves a stage renamed, its probability changed and moved first', async () => {
    const { backend, onsaved } = open();
    const name = await screen.findByTestId('stage-name-proposal');
    expect(name).toHaveAttribute('placeholder', 'Proposal');
    expect(screen.getByTestId('stage-probability-won')).toBeDisabled();
    expect(screen.queryByTestId('stage-up-won')).toBeNull();
    expect(screen.getByTestId('stage-up-lead')).toBeDisabled();
    await fireEvent.input(name, { target: { value: ' Demo given ' } });
    await fireEvent.input(screen.getByTestId('stage-probability-proposal'), {
      target: { value: '40' },
    });
    await fireEvent.click(screen.getByTestId('stage-up-proposal'));
    await fireEvent.click(screen.getByTestId('stage-up-proposal'));
    expect(screen.getByTestId('stage-up-proposal')).toBeDisabled();
    await fireEvent.click(screen.getByTestId('stages-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    const saved = recordedCalls('deal_stages_set', 'edits').find((call) => !call.error);
    expect(onsaved.mock.calls[0]?.[0]).toEqual(saved?.answer);
    const sent = backend.calls.filter((call) => call.command === 'deal_stages_set').at(-1);
    expect((sent?.args.stages as DealStage[]).map((stage) => stage.key)).toEqual([
      'proposal',
      'lead',
      'qualified',
      'negotiation',
      'won',
      'lost',
    ]);
  });
});

describe('stage helpers', () => {
  const stages = [
    { key: 'lead', closed: false },
    { key: 'qualified', closed: false },
    { key: 'won', closed: true },
  ];

  it('moves open stages among themselves only', () => {
    expect(moveStage(stages, 1, -1).map((s) => s.key)).toEqual(['qualified', 'lead', 'won']);
    expect(moveStage(stages, 1, 1).map((s) => s.key)).toEqual(['lead', 'qualified', 'won']);
    expect(moveStage(stages, 0, -1).map((s) => s.key)).toEqual(['lead', 'qualified', 'won']);
    expect(moveStage(stages, 2, -1).map((s) => s.key)).toEqual(['lead', 'qualified', 'won']);
  });

  it("names a stage by the user's name, else its key", () => {
    expect(stageName({ stage: 'negotiation', label: null })).toBe('Negotiation');
    expect(stageName({ key: 'proposal', label: '方案已发' })).toBe('方案已发');
  });

  it('shows a renamed stage by its name wherever a deal stage is shown, in either language', () => {
    stageNames.names = { proposal: 'Demo given' };
    try {
      expect(choiceLabel('deal', 'stage', 'proposal', 'en')).toBe('Demo given');
      expect(choiceLabel('deal', 'stage', 'proposal', 'zh')).toBe('Demo given');
      expect(choiceLabel('deal', 'stage', 'lead', 'en')).toBe('lead');
      expect(choiceLabel('deal', 'stage', 'lead', 'zh')).not.toBe('lead');
      // Another kind's choice of the same value is not renamed.
      expect(choiceLabel('ticket', 'status', 'proposal', 'en')).toBe('proposal');
    } finally {
      stageNames.names = {};
    }
  });
});
