import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketQueue as Queue } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { RECORDED_NOW } from '../ipc/mock/now';
import { formatNumber } from '../lib/format';
import { i18n } from '../lib/i18n/index.svelte';
import { toasts } from '../lib/toast.svelte';
import TicketQueue from './TicketQueue.svelte';
import Toasts from './Toasts.svelte';

// The ticket queue renders the engine's columns (the demo, the empty workspace, and the edits
// workspace, where a new ticket is moved on and a waiting one closed with a rating, as
// recorded).
let backend: ReplayBackend;

afterEach(() => {
  uninstallMockBackend();
  toasts.items = [];
  i18n.set('en');
});

const recorded = (workspace: 'demo' | 'edits' | 'empty') =>
  recordedAnswer<Queue>('ticket_queue', { now: RECORDED_NOW }, workspace);

function firstCard(queue: Queue, status: string) {
  const card = queue.columns.find((column) => column.status === status)?.cards[0];
  if (!card) throw new Error(`no ${status} ticket recorded`);
  return card;
}

describe('the ticket queue', () => {
  it("shows a column per status with the engine's cards, figures and overdue marks", async () => {
    backend = installReplayBackend(new ReplayBackend());
    render(TicketQueue);
    const queue = recorded('demo');
    await screen.findByTestId('queue-columns');
    expect(queue.columns.map((c) => c.status)).toEqual([
      'new',
      'in_progress',
      'waiting',
      'resolved',
      'closed',
    ]);
    for (const column of queue.columns) {
      const el = screen.getByTestId(`queue-column-${column.status}`);
      expect(screen.getByTestId(`queue-count-${column.status}`)).toHaveTextContent(
        formatNumber(column.count),
      );
      expect(within(el).queryAllByTestId(/^queue-card-/)).toHaveLength(column.cards.length);
    }
    expect(screen.getByTestId('queue-open')).toHaveTextContent(formatNumber(queue.figures.open));
    expect(screen.getByTestId('queue-overdue')).toHaveTextContent(
      formatNumber(queue.figures.overdue),
    );
    expect(screen.getByTestId('queue-targets')).toHaveTextContent('urgent 1 h / 4 h');

    // Every card the engine calls overdue is marked, and no other.
    const cards = queue.columns.flatMap((c) => c.cards);
    const late = cards.filter((c) => c.response_overdue || c.resolution_overdue);
    expect(late.length).toBeGreaterThan(0);
    expect(screen.queryAllByTestId(/^queue-late-/)).toHaveLength(late.length);
    const first = late[0];
    if (!first) throw new Error('no overdue ticket recorded');
    expect(screen.getByTestId(`queue-card-${first.ticket.id}`)).toHaveClass('overdue');

    // A suggested category says it is one.
    const suggested = cards.find((c) => c.category_suggested);
    if (suggested) {
      expect(screen.getByTestId(`queue-category-${suggested.ticket.id}`)).toHaveTextContent(
        `${suggested.category ?? ''} (suggested)`,
      );
    }
  });

  it('goes from card to card with the arrows', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(TicketQueue);
    const column = recorded('edits').columns.find((c) => c.cards.length >= 2);
    if (!column) throw new Error('no column of two tickets recorded');
    const [first, second] = column.cards.map((c) => c.ticket.id);
    const title = (id: string | undefined) =>
      screen.getByTestId(`queue-card-${id ?? ''}`).querySelector<HTMLElement>('.title');
    await screen.findByTestId(`queue-card-${first ?? ''}`);
    title(first)?.focus();
    await fireEvent.keyDown(title(first) as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(title(second));
    await fireEvent.keyDown(title(second) as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(title(first));
    expect(backend.calls.some((call) => call.command === 'record_update')).toBe(false);
  });

  it('shows empty columns in an empty workspace', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'empty' }));
    render(TicketQueue);
    await screen.findByTestId('queue-columns');
    expect(screen.queryAllByTestId(/^queue-card-/)).toHaveLength(0);
    expect(screen.getAllByText('No tickets')).toHaveLength(5);
    expect(screen.getByTestId('queue-median-response')).toHaveTextContent('—');
  });

  it('moves a card a status on with Shift+→ and says so', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(TicketQueue);
    render(Toasts);
    const ticket = firstCard(recorded('edits'), 'new').ticket;
    const card = await screen.findByTestId(`queue-card-${ticket.id}`);
    const title = card.querySelector<HTMLElement>('.title') as HTMLElement;
    title.focus();
    await fireEvent.keyDown(title, { key: 'ArrowRight', shiftKey: true });
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      `Moved “${ticket.title}” to In progress.`,
    );
    const update = backend.calls.find((call) => call.command === 'record_update');
    expect(update?.args).toEqual({
      kind: 'ticket',
      id: ticket.id,
      input: { status: 'in_progress' },
    });
  });

  it('asks how satisfied the customer was before closing, and sends the rating', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(TicketQueue);
    render(Toasts);
    const ticket = firstCard(recorded('edits'), 'waiting').ticket;
    const card = await screen.findByTestId(`queue-card-${ticket.id}`);
    await fireEvent.keyDown(card.querySelector('.title') as HTMLElement, { key: 'c' });
    const dialog = await screen.findByTestId('close-dialog');
    expect(backend.calls.some((call) => call.command === 'ticket_close')).toBe(false);
    expect(within(dialog).getByTestId('close-confirm')).toHaveTextContent('Close without feedback');
    await fireEvent.click(within(dialog).getByTestId('close-star-4'));
    expect(within(dialog).getByTestId('close-star-4')).toHaveAttribute('aria-checked', 'true');
    expect(within(dialog).getByTestId('close-rating-words')).toHaveTextContent('Happy');
    await fireEvent.input(within(dialog).getByTestId('close-comment'), {
      target: { value: 'Quick and kind' },
    });
    await fireEvent.click(within(dialog).getByTestId('close-confirm'));
    await waitFor(() =>
      expect(backend.calls.find((call) => call.command === 'ticket_close')?.args).toEqual({
        id: ticket.id,
        rating: 4,
        comment: 'Quick and kind',
      }),
    );
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      `Closed “${ticket.title}”. Rated 4 of 5.`,
    );
  });
});

describe('the ticket queue in Chinese', () => {
  it('names the statuses, priorities, figures and targets in Chinese', async () => {
    i18n.set('zh');
    backend = installReplayBackend(new ReplayBackend());
    const { container } = render(TicketQueue);
    const queue = recorded('demo');
    await screen.findByTestId('queue-columns');
    expect(screen.getByRole('heading', { name: '工单' })).toBeInTheDocument();
    const statuses = { new: '新建', in_progress: '处理中', waiting: '等待客户', closed: '已关闭' };
    for (const [status, name] of Object.entries(statuses)) {
      expect(screen.getByTestId(`queue-column-${status}`)).toHaveTextContent(name);
    }
    const figures = screen.getByTestId('queue-figures');
    expect(figures).toHaveTextContent('未解决');
    expect(figures).toHaveTextContent('首次响应时间中位数');
    expect(screen.getByTestId('queue-targets')).toHaveTextContent(
      '目标（答复 / 解决）：紧急 1 小时 / 4 小时 · 高 4 小时 / 24 小时',
    );
    const late = queue.columns.flatMap((c) => c.cards).find((c) => c.resolution_overdue);
    if (!late) throw new Error('no overdue ticket recorded');
    expect(screen.getByTestId(`queue-late-${late.ticket.id}`)).toHaveTextContent('已超时');
    expect(screen.getByTestId(`queue-card-${late.ticket.id}`)).toHaveTextContent('高');
    // Why no category is suggested, by the engine's code.
    expect(queue.category_note?.code).toEqual({ code: 'too_few_tickets', have: 6, need: 20 });
    expect(container.querySelector('.keys')).toHaveTextContent(
      '暂时无法建议类别：已分类的工单只有 6 个，类别建议至少需要 20 个。',
    );
    expect(container.textContent).not.toMatch(
      /Overdue|Median|Targets|Reply by|Resolve by|Resolved in|No tickets|New ticket|In progress|urgent|categorised/,
    );
  });

  it('asks about the customer’s satisfaction in Chinese', async () => {
    i18n.set('zh');
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(TicketQueue);
    const ticket = firstCard(recorded('edits'), 'waiting').ticket;
    const card = await screen.findByTestId(`queue-card-${ticket.id}`);
    await fireEvent.keyDown(card.querySelector('.title') as HTMLElement, { key: 'c' });
    const dialog = await screen.findByTestId('close-dialog');
    expect(dialog).toHaveTextContent('客户的满意程度如何？');
    expect(within(dialog).getByTestId('close-rating-words')).toHaveTextContent('未询问');
    expect(within(dialog).getByTestId('close-confirm')).toHaveTextContent('关闭，不记录反馈');
    await fireEvent.click(within(dialog).getByTestId('close-star-4'));
    expect(within(dialog).getByTestId('close-rating-words')).toHaveTextContent('满意');
    expect(within(dialog).getByTestId('close-star-4')).toHaveAttribute(
      'aria-label',
      '4 分（满分 5 分）：满意',
    );
    expect(dialog.textContent).not.toMatch(/How satisfied|Happy|Close ticket|Cancel/);
  });
});
