// The lead-score rules editor and the complaints list on the engine's recorded answers (the
// demo workspace; `edits` where rules were changed and a complaint made three times). That a
// saved rule changes the scores is the end-to-end test's: it runs against the engine.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SatisfactionView, WorkspaceInfo } from '../ipc/api';
import { recordedAnswer, type Workspace } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { analyticsRuns } from '../lib/analyticsRuns.svelte';
import Dashboard from './Dashboard.svelte';
import SatisfactionPanel from './SatisfactionPanel.svelte';
import ScoreRulesEditor from './ScoreRulesEditor.svelte';

let backend: ReplayBackend;

function replay(
  workspace: Workspace,
  options: ConstructorParameters<typeof ReplayBackend>[0] = {},
) {
  uninstallMockBackend();
  backend = installReplayBackend(new ReplayBackend({ workspace, ...options }));
}

beforeEach(() => replay('demo'));

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
});

/** The lead scores tab of the dashboard, after the analyses ran (rule-based on the demo). */
async function scoresTab(): Promise<void> {
  const info = recordedAnswer<WorkspaceInfo>('workspace_info');
  render(Dashboard, { section: 'scores', info });
  await screen.findByTestId('rule-referral');
}

function commands(name: string): Array<Record<string, unknown>> {
  return backend.calls.filter((call) => call.command === name).map((call) => call.args);
}

async function type(id: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByTestId(`rule-points-${id}`), { target: { value } });
}

describe('the lead-score rules', () => {
  it('are open while the scores are rule-based, each rule with its points', async () => {
    await scoresTab();
    const rules = screen.getByTestId('score-rules');
    expect(within(rules).getByTestId('score-rules-when')).toHaveTextContent(
      'While there are too few closed deals to learn from, every deal starts at 50',
    );
    expect(within(rules).getByTestId('score-rules-toggle')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(rules).getAllByRole('spinbutton')).toHaveLength(13);
    expect(screen.getByTestId('rule-recent_meeting')).toHaveTextContent(
      'Meeting in the last 14 days',
    );
    expect(screen.getByLabelText('Came by referral')).toHaveValue(10);
    expect(screen.getByTestId('rule-points-old_deal')).toHaveValue(-10);
    // Nothing changed yet: nothing to save, nothing to reset, no defaults to remind of.
    expect(screen.getByTestId('score-rules-save')).toBeDisabled();
    expect(screen.getByTestId('score-rules-reset')).toBeDisabled();
    expect(screen.queryByTestId(/^rule-default-/)).toBeNull();
  });

  it('saves only the changed rules, then recomputes', async () => {
    await scoresTab();
    const before = analyticsRuns.generation;
    await type('referral', '30');
    await type('stage_negotiation', '0');
    expect(screen.getByTestId('rule-default-referral')).toHaveTextContent('default +10');
    expect(screen.getByTestId('rule-default-stage_negotiation')).toHaveTextContent('default +10');
    expect(screen.queryByTestId('rule-default-old_deal')).toBeNull();
    await type('old_deal', '-5');
    await type('old_deal', '-10');
    // Typed back to what it was: not a change.
    expect(screen.queryByTestId('rule-default-old_deal')).toBeNull();
    await fireEvent.click(screen.getByTestId('score-rules-save'));

    const done = await screen.findByTestId('score-rules-done');
    expect(commands('analyze_rules_set')).toEqual([
      { points: { referral: 30, stage_negotiation: 0 } },
    ]);
    // The stored scores are recomputed with the new points and the table reloads.
    await waitFor(() => expect(analyticsRuns.generation).toBe(before + 1));
    expect(done).toHaveTextContent('Rules saved; scores recomputed.');
    expect(commands('analyze_all')).toHaveLength(1);
    // Saved: Save waits for the next change; the changed rules still show their defaults.
    expect(screen.getByTestId('score-rules-save')).toBeDisabled();
    expect(screen.getByTestId('rule-default-referral')).toBeInTheDocument();
    expect(screen.getByTestId('score-rules-reset')).toBeEnabled();
  });

  it('shows each refused rule’s reason next to it, and changes nothing', async () => {
    await scoresTab();
    await type('recent_meeting', '150');
    await type('email_given', '20');
    await fireEvent.click(screen.getByTestId('score-rules-save'));
    const issue = await screen.findByTestId('rule-issue-recent_meeting');
    expect(issue).toHaveTextContent(
      '150 points is out of range: a rule gives between −100 and 100',
    );
    expect(
      within(screen.getByTestId('rule-recent_meeting')).getByTestId('rule-issue-recent_meeting'),
    ).toBe(issue);
    expect(screen.getByTestId('rule-points-recent_meeting')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.queryByTestId('rule-issue-email_given')).toBeNull();
    expect(screen.queryByTestId('score-rules-done')).toBeNull();
    // Refused as a whole (the engine's rule): nothing to recompute.
    expect(commands('analyze_all')).toHaveLength(0);
    // What was typed stays, to be corrected; correcting it clears its reason.
    expect(screen.getByTestId('rule-points-email_given')).toHaveValue(20);
    await type('recent_meeting', '100');
    expect(screen.queryByTestId('rule-issue-recent_meeting')).toBeNull();
  });

  it('asks for whole points before sending anything', async () => {
    await scoresTab();
    await type('recent_call', '');
    await fireEvent.click(screen.getByTestId('score-rules-save'));
    expect(await screen.findByTestId('rule-issue-recent_call')).toHaveTextContent(
      'a whole number of points from −100 to 100',
    );
    expect(commands('analyze_rules_set')).toEqual([]);
  });

  it('resets every rule to its default, then recomputes', async () => {
    // Rules saved earlier with other points.
    replay('edits');
    await scoresTab();
    expect(screen.getByTestId('rule-points-referral')).toHaveValue(30);
    expect(screen.getByTestId('rule-default-old_deal')).toHaveTextContent('default −10');
    const before = analyticsRuns.generation;
    await fireEvent.click(screen.getByTestId('score-rules-reset'));
    const done = await screen.findByTestId('score-rules-done');
    expect(commands('analyze_rules_reset')).toHaveLength(1);
    expect(screen.getByTestId('rule-points-referral')).toHaveValue(10);
    expect(screen.getByTestId('rule-points-old_deal')).toHaveValue(-10);
    expect(screen.queryByTestId(/^rule-default-/)).toBeNull();
    expect(screen.getByTestId('score-rules-reset')).toBeDisabled();
    await waitFor(() => expect(analyticsRuns.generation).toBe(before + 1));
    expect(done).toHaveTextContent('Rules reset to their defaults; scores recomputed.');
  });

  it('say the scores are being recomputed while they are, then that they were', async () => {
    // The save's refresh is held at its last step until the test has looked.
    let open = () => {};
    let held: Promise<void> | null = null;
    replay('demo', { hold: (command) => (command === 'analyze_all' && held) || undefined });
    await scoresTab();
    held = new Promise<void>((resolve) => (open = resolve));
    await type('referral', '30');
    await fireEvent.click(screen.getByTestId('score-rules-save'));
    const done = await screen.findByTestId('score-rules-done');
    expect(done).toHaveTextContent('Rules saved; scores are being recomputed.');
    expect(within(done).getByRole('status', { name: 'Recomputing the scores' })).toBeVisible();
    await waitFor(() => expect(analyticsRuns.label).toMatch(/^Lead scores/));
    expect(done).toHaveTextContent('Rules saved; scores are being recomputed.');
    open();
    await waitFor(() => expect(done).toHaveTextContent('Rules saved; scores recomputed.'));
    expect(analyticsRuns.running).toBe(false);
    expect(done).not.toHaveTextContent('being recomputed');
    // The next edit is not saved yet: the line goes.
    await type('referral', '40');
    expect(screen.queryByTestId('score-rules-done')).toBeNull();
  });

  it('say why the scores could not be recomputed after a save', async () => {
    await scoresTab();
    const answer = backend.handle;
    backend.handle = (command, payload) =>
      command === 'analyze_all'
        ? Promise.reject({ code: 'database', message: 'database is locked', issues: [] })
        : answer(command, payload);
    await type('referral', '30');
    await fireEvent.click(screen.getByTestId('score-rules-save'));
    const done = await screen.findByTestId('score-rules-done');
    await waitFor(() =>
      expect(done).toHaveTextContent(
        'Rules saved, but the scores could not be recomputed: database is locked',
      ),
    );
    expect(commands('analyze_rules_set')).toEqual([{ points: { referral: 30 } }]);
    expect(analyticsRuns.running).toBe(false);
  });

  it('say they are not used while the learned score is, and stay folded until asked', async () => {
    render(ScoreRulesEditor, { ruleBased: false });
    expect(screen.getByTestId('score-rules-when')).toHaveTextContent(
      'The rules are not used right now: the scores are learned from your closed deals.',
    );
    expect(screen.queryByRole('spinbutton')).toBeNull();
    const toggle = screen.getByTestId('score-rules-toggle');
    expect(toggle).toHaveTextContent('Edit rules');
    await fireEvent.click(toggle);
    expect(await screen.findAllByRole('spinbutton')).toHaveLength(13);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });
});

describe('what people are unhappy about', () => {
  it('lists a complaint made again once, saying how many times', async () => {
    replay('edits');
    const view = recordedAnswer<SatisfactionView>(
      'analyze_satisfaction',
      { asOf: null, recentDays: 90 },
      'edits',
    );
    const times = view.most_negative.find((item) => item.text.includes('The tea came late'))?.times;
    expect(times).toBe(3);
    render(SatisfactionPanel);
    const section = await screen.findByTestId('negative-texts');
    const items = within(section).getAllByTestId('negative-text');
    const repeated = items.filter((item) => item.textContent?.includes('The tea came late'));
    expect(repeated).toHaveLength(1);
    expect(within(repeated[0] as HTMLElement).getByTestId('negative-times')).toHaveTextContent(
      'said 3 times',
    );
    // Said once: no count.
    const once = items.filter((item) => !item.textContent?.includes('The tea came late'));
    expect(once.length).toBeGreaterThan(0);
    for (const item of once) expect(within(item).queryByTestId('negative-times')).toBeNull();
  });
});
