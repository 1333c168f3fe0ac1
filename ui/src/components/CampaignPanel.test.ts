import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignMembers, CampaignReport } from '../ipc/api';
import { recordedAnswer, recordedCalls, type Workspace } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { percent } from '../lib/analytics';
import { formatMoney, formatNumber } from '../lib/format';
import { i18n } from '../lib/i18n/index.svelte';
import { toasts } from '../lib/toast.svelte';
import CampaignPanel from './CampaignPanel.svelte';
import Toasts from './Toasts.svelte';

// A campaign's page renders the engine's figures and members (the demo workspace), and its
// actions send what the edits workspace recorded: members added from the tag vip, a member's
// response, the member list exported.
let backend: ReplayBackend;

afterEach(() => {
  uninstallMockBackend();
  toasts.items = [];
  i18n.set('en');
});

/** The campaign a workspace's recorded calls are about. */
function campaignOf(
  command: 'campaign_report' | 'campaign_add_members',
  workspace: Workspace,
): string {
  const call = recordedCalls(command, workspace)[0];
  if (!call) throw new Error(`no ${command} recorded in ${workspace}`);
  return call.args.id as string;
}

const report = (id: string, workspace: Workspace) =>
  recordedAnswer<CampaignReport>('campaign_report', { id }, workspace);
const members = (id: string, workspace: Workspace) =>
  recordedAnswer<CampaignMembers>('campaign_members', { id, offset: 0, limit: 100 }, workspace);

describe('the campaign page', () => {
  it("shows the engine's figures as cards and the members with their status", async () => {
    backend = installReplayBackend(new ReplayBackend());
    const id = campaignOf('campaign_report', 'demo');
    render(CampaignPanel, { campaignId: id });
    const r = report(id, 'demo');
    const m = members(id, 'demo');
    await screen.findByTestId('campaign-kpis');
    expect(screen.getByTestId('campaign-kpi-members-value')).toHaveTextContent(
      formatNumber(r.members),
    );
    const rate = r.response_rate === null ? '—' : percent(r.response_rate);
    expect(screen.getByTestId('campaign-kpi-response-rate-value')).toHaveTextContent(rate);
    expect(screen.getByTestId('campaign-kpi-revenue-value')).toHaveTextContent(
      formatMoney(r.revenue, r.currency),
    );
    const cost = r.cost_per_conversion;
    expect(screen.getByTestId('campaign-kpi-cost-value')).toHaveTextContent(
      cost === null ? '—' : formatMoney(cost, r.currency),
    );
    const table = screen.getByTestId('campaign-members');
    expect(within(table).getAllByTestId(/^campaign-member-/)).toHaveLength(m.rows.length);
    const first = m.rows[0];
    if (!first) throw new Error('the demo campaign has members');
    expect(screen.getByTestId(`member-status-${first.id}`)).toHaveTextContent(first.status ?? '—');
  });

  it('adds the members of a tag and shows the figures the engine then gives', async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    const id = campaignOf('campaign_add_members', 'edits');
    render(CampaignPanel, { campaignId: id });
    render(Toasts);
    await fireEvent.click(await screen.findByTestId('campaign-add-members'));
    const value = await screen.findByTestId('campaign-source-value');
    await fireEvent.change(value, { target: { value: 'VIP' } });
    await fireEvent.click(screen.getByTestId('campaign-add-confirm'));
    const added = recordedAnswer<{ added: number; skipped: number }>(
      'campaign_add_members',
      { id, source: { by: 'tag', value: 'VIP' } },
      'edits',
    );
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      `Added ${formatNumber(added.added)} members (${formatNumber(added.skipped)} already in)`,
    );
    expect(backend.calls.filter((c) => c.command === 'campaign_report')).toHaveLength(2);
    await waitFor(() =>
      expect(screen.getByTestId('campaign-kpi-members-value')).toHaveTextContent(
        formatNumber(report(id, 'edits').members),
      ),
    );
  });

  it("records a member's response with its status and text", async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    const call = recordedCalls('campaign_respond', 'edits').find((c) => c.answer);
    if (!call) throw new Error('a response was recorded');
    const memberId = call.args.memberId as string;
    const id = campaignOf('campaign_add_members', 'edits');
    render(CampaignPanel, { campaignId: id });
    render(Toasts);
    await fireEvent.click(await screen.findByTestId(`member-respond-${memberId}`));
    await fireEvent.change(screen.getByTestId('member-response-status'), {
      target: { value: call.args.status },
    });
    await fireEvent.input(screen.getByTestId('member-response-text'), {
      target: { value: call.args.response },
    });
    await fireEvent.click(screen.getByTestId('member-response-save'));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(/response/);
    const sent = backend.calls.find((c) => c.command === 'campaign_respond');
    expect(sent?.args).toEqual(call.args);
    // The list after it is the engine's: the member now responded, with the text.
    await waitFor(() =>
      expect(screen.getByTestId(`member-status-${memberId}`)).toHaveTextContent('responded'),
    );
    const row = screen.getByTestId(`campaign-member-${memberId}`);
    expect(row).toHaveTextContent(call.args.response as string);
  });

  it('exports the members to the file chosen in the save dialog', async () => {
    const path = '/home/you/Documents/Members.csv';
    backend = installReplayBackend(
      new ReplayBackend({ workspace: 'edits', dialogs: { save: [path] } }),
    );
    const id = campaignOf('campaign_add_members', 'edits');
    render(CampaignPanel, { campaignId: id });
    render(Toasts);
    await fireEvent.click(await screen.findByTestId('campaign-export-members'));
    const done = recordedAnswer<{ written: number }>(
      'campaign_export_members',
      { id, path, bom: false },
      'edits',
    );
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      `Wrote ${formatNumber(done.written)} members to ${path}`,
    );
  });
});

describe('a campaign with a name only', () => {
  /** The campaign made last in the edits workspace, without a start date or a budget. */
  function bare(): string {
    const call = recordedCalls('campaign_report', 'edits').at(-1);
    if (!call) throw new Error('no campaign report recorded in edits');
    return call.args.id as string;
  }

  it("says in the engine's words why some figures are missing", async () => {
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    const id = bare();
    const r = report(id, 'edits');
    expect(r.notes.map((note) => note.code.code)).toEqual(['no_start_date', 'no_budget']);
    const { container } = render(CampaignPanel, { campaignId: id });
    await screen.findByTestId('campaign-kpis');
    const notes = [...container.querySelectorAll('.note')].map((note) => note.textContent);
    expect(notes).toEqual([
      "No start date: only orders and deals chosen for the campaign count, not members' first purchases.",
      'No budget: cost per conversion and ROI need one.',
    ]);
  });

  it('says them in Chinese', async () => {
    i18n.set('zh');
    backend = installReplayBackend(new ReplayBackend({ workspace: 'edits' }));
    const { container } = render(CampaignPanel, { campaignId: bare() });
    await screen.findByTestId('campaign-kpis');
    const notes = [...container.querySelectorAll('.note')].map((note) => note.textContent);
    expect(notes).toEqual([
      '没有开始日期：只计入指定给此活动的订单和商机，不计入成员的首次购买。',
      '没有预算：单次转化成本和投资回报率需要预算才能计算。',
    ]);
    expect(container.textContent).not.toMatch(/no start date|no budget|first purchases/i);
  });
});

describe('the campaign page in Chinese', () => {
  it('labels the figures, the members and their statuses in Chinese', async () => {
    i18n.set('zh');
    backend = installReplayBackend(new ReplayBackend());
    const id = campaignOf('campaign_report', 'demo');
    const { container } = render(CampaignPanel, { campaignId: id });
    const m = members(id, 'demo');
    const kpis = await screen.findByTestId('campaign-kpis');
    for (const label of ['成员', '回复率', '转化', '收入', '单次转化成本', '投资回报率']) {
      expect(kpis).toHaveTextContent(label);
    }
    const table = screen.getByTestId('campaign-members');
    for (const heading of ['联系人', '邮箱', '状态', '回复时间', '回复内容']) {
      expect(within(table).getByRole('columnheader', { name: heading })).toBeInTheDocument();
    }
    const sent = m.rows.find((row) => row.status === 'sent');
    if (!sent) throw new Error('the demo campaign has a member the mail was sent to');
    expect(screen.getByTestId(`member-status-${sent.id}`)).toHaveTextContent('已发送');
    expect(screen.getByTestId(`member-respond-${sent.id}`)).toHaveTextContent('记录回复');
    await fireEvent.click(screen.getByTestId('campaign-add-members'));
    await fireEvent.change(await screen.findByTestId('campaign-source-kind'), {
      target: { value: 'segment' },
    });
    const options = within(screen.getByTestId('campaign-source-value')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toContain('冠军客户 (4)');
    expect(options.map((option) => option.getAttribute('value'))).toContain('Champions');
    // The clusters by their codes, added by the English names the figures store.
    await fireEvent.change(screen.getByTestId('campaign-source-kind'), {
      target: { value: 'cluster' },
    });
    const clusters = within(screen.getByTestId('campaign-source-value')).getAllByRole('option');
    const named = Object.fromEntries(
      clusters.map((option) => [
        option.getAttribute('value'),
        option.textContent?.replace(/ \(\d+\)$/, ''),
      ]),
    );
    expect(named).toEqual({
      'high value, loyal regulars': '高价值忠实常客',
      'lapsing one-off buyers, low spend': '低消费即将流失的一次性买家',
    });
    expect(container.textContent).not.toMatch(
      /Members|Response rate|Conversions|Revenue|Record response|Add members|Export members|responded|Champions|loyal regulars|one-off/,
    );
  });
});
