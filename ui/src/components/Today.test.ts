import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntityRecord, Today as TodayView } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { RECORDED_NOW } from '../ipc/mock/now';
import { i18n } from '../lib/i18n/index.svelte';
import { toasts } from '../lib/toast.svelte';
import Today from './Today.svelte';
import Toasts from './Toasts.svelte';

// The Today page renders the engine's answer at the recorded wall time (the tests' clock):
// the demo workspace (one overdue task, deals gone quiet, tickets past their target), the
// edits workspace (where a task is done and one added), and an empty workspace.
let backend: ReplayBackend;

afterEach(() => {
  uninstallMockBackend();
  toasts.items = [];
  i18n.set('en');
});

const ARGS = { now: RECORDED_NOW, upcomingDays: null };
const answer = (workspace: 'demo' | 'edits' | 'empty') =>
  recordedAnswer<TodayView>('today', ARGS, workspace);

/** The first overdue task of a workspace's recorded day (the demo has one). */
function firstOverdue(workspace: 'demo' | 'edits'): EntityRecord {
  const [task] = answer(workspace).overdue;
  if (!task) throw new Error(`the ${workspace} workspace has no overdue task`);
  return task;
}

describe('the Today page', () => {
  it("shows the engine's overdue task and suggestions with their reasons", async () => {
    backend = installReplayBackend(new ReplayBackend());
    render(Today);
    const day = answer('demo');
    const overdue = await screen.findByTestId('today-overdue');
    expect(screen.getByTestId('today-overdue-count')).toHaveTextContent(String(day.overdue_total));
    const task = firstOverdue('demo');
    const row = within(overdue).getByTestId(`task-${task.id}`);
    expect(row).toHaveTextContent(task.title);
    expect(row).toHaveTextContent('73 days late');
    for (const title of Object.values(task.refs)) expect(row).toHaveTextContent(title);
    expect(screen.queryByTestId('today-today'), 'nothing is due today').toBeNull();
    expect(screen.getByRole('heading', { name: 'Today' })).toBeInTheDocument();
    expect(screen.getByText(/Sunday, November 1/)).toBeInTheDocument();

    const suggestions = screen.getByTestId('today-suggestions');
    day.suggestions.forEach((suggestion, index) => {
      const card = within(suggestions).getByTestId(`suggestion-${index}`);
      expect(card).toHaveTextContent(suggestion.title);
      expect(card).toHaveTextContent(suggestion.reason);
    });
    expect(within(suggestions).getByTestId('suggestion-0')).toHaveTextContent('Deal gone quiet');
    for (const note of day.notes) expect(suggestions).toHaveTextContent(note.text);
    expect(backend.calls.map((call) => call.command)).toEqual(['today']);
  });

  it('marks a task done with one click and reads the day again', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(Today);
    render(Toasts);
    const task = firstOverdue('edits');
    await fireEvent.click(await screen.findByTestId(`task-done-${task.id}`));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(`Done: ${task.title}`);
    expect(
      backend.calls.filter((call) => call.command === 'task_done').map((call) => call.args),
    ).toEqual([{ id: task.id }]);
    await waitFor(() =>
      expect(backend.calls.filter((call) => call.command === 'today')).toHaveLength(2),
    );
  });

  it('marks a task done with the D key on its title', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(Today);
    const task = firstOverdue('edits');
    const title = within(await screen.findByTestId(`task-${task.id}`)).getByTestId('task-title');
    title.focus();
    await fireEvent.keyDown(title, { key: 'd' });
    await waitFor(() =>
      expect(backend.calls.some((call) => call.command === 'task_done')).toBe(true),
    );
  });

  it('adds a task from the quick add as the engine takes it', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    render(Today);
    render(Toasts);
    await screen.findByTestId('today-overdue');
    await fireEvent.input(screen.getByTestId('today-new-subject'), {
      target: { value: 'Call Li Ming about the renewal' },
    });
    await fireEvent.input(screen.getByTestId('today-new-time'), { target: { value: '15:00' } });
    await fireEvent.change(screen.getByTestId('today-new-priority'), {
      target: { value: 'high' },
    });
    await fireEvent.click(screen.getByTestId('today-new-add'));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Added “Call Li Ming about the renewal”.',
    );
    const created = backend.calls.find((call) => call.command === 'record_create');
    expect(created?.args).toEqual({
      kind: 'activity',
      input: {
        kind: 'task',
        subject: 'Call Li Ming about the renewal',
        due_on: '2026-11-01',
        due_time: '15:00',
        priority: 'high',
        done: 'false',
      },
    });
  });

  it('says when nothing is due and nothing stands out', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'empty' }));
    render(Today);
    expect(await screen.findByText('Nothing due')).toBeInTheDocument();
    expect(screen.getByTestId('today-suggestions')).toHaveTextContent('Nothing stands out');
    expect(answer('empty').suggestions).toEqual([]);
  });
});

describe('the Today page in Chinese', () => {
  it('says the day, the tasks and the suggestions in Chinese, reasons from their figures', async () => {
    i18n.set('zh');
    backend = installReplayBackend(new ReplayBackend());
    const { container } = render(Today);
    const day = answer('demo');
    const overdue = await screen.findByTestId('today-overdue');
    expect(screen.getByRole('heading', { name: '今日' })).toBeInTheDocument();
    expect(screen.getByText(/11月1日星期日/)).toBeInTheDocument();
    expect(overdue).toHaveTextContent('已逾期');
    expect(within(overdue).getByTestId(`task-${firstOverdue('demo').id}`)).toHaveTextContent(
      '逾期 73 天',
    );
    expect(screen.getByTestId('today-new-subject')).toHaveAttribute(
      'placeholder',
      '添加任务：打电话、发送、准备…',
    );
    expect(screen.getByTestId('today-new-add')).toHaveTextContent('添加任务');

    const suggestions = screen.getByTestId('today-suggestions');
    expect(suggestions).toHaveTextContent('值得关注');
    const quiet = day.suggestions.findIndex((s) => s.kind === 'deal_idle');
    const late = day.suggestions.findIndex((s) => s.kind === 'ticket_late');
    const idle = within(suggestions).getByTestId(`suggestion-${quiet}`);
    expect(idle).toHaveTextContent('商机停滞');
    expect(idle).toHaveTextContent(
      `已 ${day.suggestions[quiet]?.figures.idle_days} 天没有活动（最近一次在 2026年8月16日）；处于“谈判”阶段，金额 US$5,650。`,
    );
    const ticket = within(suggestions).getByTestId(`suggestion-${late}`);
    expect(ticket).toHaveTextContent('工单超时');
    expect(ticket).toHaveTextContent(/已(等待客户|开启) \d+ 天.*；高优先级的处理目标是 1 天。/);
    expect(ticket).toHaveTextContent('安排任务');
    // The engine's note, by its code.
    expect(day.notes.map((note) => note.code.code)).toEqual(['no_purchase_model']);
    expect(suggestions).toHaveTextContent('流失中的客户需要用客户终身价值模型来发现');
    expect(container.textContent).not.toMatch(
      /Overdue|Due today|days late|Worth a look|Plan a task|Deal gone quiet|No activity for|Add task|priority|lifetime-value/,
    );
  });

  it('says when nothing is due in Chinese', async () => {
    i18n.set('zh');
    backend = installReplayBackend(new ReplayBackend({ workspace: 'empty' }));
    render(Today);
    expect(await screen.findByText('没有到期的任务')).toBeInTheDocument();
    expect(screen.getByTestId('today-suggestions')).toHaveTextContent('没有特别需要关注的');
    expect(screen.queryByText(/Nothing due|Nothing stands out/)).toBeNull();
  });
});
