import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { DealBoard as Board } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { RECORDED_NOW } from '../ipc/mock/now';
import { formatNumber } from '../lib/format';
import { i18n } from '../lib/i18n/index.svelte';
import { toasts } from '../lib/toast.svelte';
import DealBoard from './DealBoard.svelte';
import Toasts from './Toasts.svelte';

// The deal board renders the engine's columns (the demo workspace and the edits workspace,
// where a lead is moved on and a proposal lost with a reason, as recorded).
let backend: ReplayBackend;

afterEach(() => {
  uninstallMockBackend();
  toasts.items = [];
  i18n.set('en');
});

const recorded = (workspace: 'demo' | 'edits') =>
  recordedAnswer<Board>('deal_board', { day: RECORDED_NOW.slice(0, 10) }, workspace);

function firstCard(board: Board, stage: string) {
  const card = board.columns.find((column) => column.stage === stage)?.cards[0];
  if (!card) throw new Error(`no ${stage} deal recorded`);
  return card;
}

describe('the deal board', () => {
  it("shows a column per stage with the engine's figures and cards", async () => {
    backend = installReplayBackend(new ReplayBackend());
    render(DealBoard);
    const board = recorded('demo');
    await screen.findByTestId('board-columns');
    for (const column of board.columns) {
      const el = screen.getByTestId(`board-column-${column.stage}`);
      expect(screen.getByTestId(`board-count-${column.stage}`)).toHaveTextContent(
        formatNumber(column.count),
      );
      expect(within(el).queryAllByTestId(/^board-card-/)).toHaveLength(column.cards.length);
    }
    const names = board.columns.map((c) => c.stage);
    expect(names).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    const lead = firstCard(board, 'lead');
    expect(screen.getByTestId(`board-card-${lead.deal.id}`)).toHaveTextContent(lead.deal.title);
    expect(screen.getByTestId('board-weighted')).toHaveTextContent(/\d/);
  });

  it('moves a card a stage on with Shift+→ and says so', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(DealBoard);
    render(Toasts);
    const lead = firstCard(recorded('edits'), 'lead');
    const card = await screen.findByTestId(`board-card-${lead.deal.id}`);
    const title = card.querySelector<HTMLElement>('.title');
    title?.focus();
    await fireEvent.keyDown(title as HTMLElement, { key: 'ArrowRight', shiftKey: true });
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      `Moved “${lead.deal.title}” to Qualified.`,
    );
    const update = backend.calls.find((call) => call.command === 'record_update');
    expect(update?.args).toEqual({ kind: 'deal', id: lead.deal.id, input: { stage: 'qualified' } });
  });

  it('asks why before a deal is lost, and sends the reason', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(DealBoard);
    const proposal = firstCard(recorded('edits'), 'proposal');
    const card = await screen.findByTestId(`board-card-${proposal.deal.id}`);
    const title = card.querySelector<HTMLElement>('.title') as HTMLElement;
    await fireEvent.keyDown(title, { key: 'l' });
    const dialog = await screen.findByTestId('lost-dialog');
    expect(backend.calls.some((call) => call.command === 'record_update')).toBe(false);
    expect(within(dialog).getByTestId('lost-confirm')).toBeDisabled();
    await fireEvent.click(within(dialog).getByTestId('lost-reason-Price'));
    await fireEvent.click(within(dialog).getByTestId('lost-confirm'));
    await waitFor(() =>
      expect(backend.calls.find((call) => call.command === 'record_update')?.args).toEqual({
        kind: 'deal',
        id: proposal.deal.id,
        input: { stage: 'lost', lost_reason: 'Price' },
      }),
    );
  });
});

describe('the deal board in Chinese', () => {
  it('names the stages, the figures and the lost dialog in Chinese', async () => {
    i18n.set('zh');
    backend = installReplayBackend(new ReplayBackend());
    const { container } = render(DealBoard);
    const board = recorded('demo');
    await screen.findByTestId('board-columns');
    expect(screen.getByRole('heading', { name: '商机' })).toBeInTheDocument();
    expect(screen.getByTestId('board-forecast')).toHaveTextContent('加权商机总额');
    expect(screen.getByTestId('board-forecast')).toHaveTextContent('预计 2026年11月');
    const names = { lead: '线索', qualified: '已确认', negotiation: '谈判', won: '赢单' };
    for (const [stage, name] of Object.entries(names)) {
      expect(screen.getByTestId(`board-column-${stage}`)).toHaveTextContent(name);
    }
    expect(screen.getByTestId('board-column-won')).toHaveTextContent('没有商机');
    expect(screen.getByTestId('board-stages')).toHaveTextContent('阶段');
    expect(screen.getByTestId('board-new')).toHaveTextContent('新建商机');

    const card = screen.getByTestId(`board-card-${firstCard(board, 'lead').deal.id}`);
    await fireEvent.keyDown(card.querySelector('.title') as HTMLElement, { key: 'l' });
    const dialog = await screen.findByTestId('lost-dialog');
    expect(dialog).toHaveTextContent('为什么输单');
    expect(within(dialog).getByTestId('lost-reason-Price')).toHaveTextContent('价格');
    expect(within(dialog).getByTestId('lost-confirm')).toHaveTextContent('标记为输单');
    expect(container.textContent).not.toMatch(
      /Weighted pipeline|Expected|open deals|No deals|Stages|New deal|Drag a card/,
    );
    expect(document.body.textContent).not.toMatch(/Why was|Mark lost|Price|Cancel/);
  });
});
