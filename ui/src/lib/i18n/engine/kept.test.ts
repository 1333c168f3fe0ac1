// Why a value was kept, in the window's language: said from its code in Chinese, the engine's
// English as sent otherwise, and a value stored before reasons had codes (no code) in its
// stored English in either language.
import { afterEach, describe, expect, it } from 'vitest';
import type { FlaggedPage } from '../../../ipc/api';
import { recordedAnswer } from '../../../ipc/mock/fixtures';
import { i18n } from '../index.svelte';
import { zhIssue } from '../issues';
import { keptReason } from './kept';

const flagged = () =>
  recordedAnswer<FlaggedPage>('review_list', { kind: 'contact', limit: 500 }, 'files');

afterEach(() => i18n.set('en'));

describe('why a value was kept', () => {
  it('is the engine’s English in an English window', () => {
    for (const item of flagged().items) expect(keptReason(item)).toBe(item.reason);
  });

  it('is said from its code in a Chinese window', () => {
    i18n.set('zh');
    const items = flagged().items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.code, `${item.raw} was kept with its code`).not.toBeNull();
      expect(keptReason(item)).not.toBe(item.reason);
      expect(keptReason(item), 'said in Chinese, the value as written').toContain(`“${item.raw}”`);
    }
  });

  it('is its stored English when it was kept before reasons had codes', () => {
    i18n.set('zh');
    const [item] = flagged().items;
    if (!item) throw new Error('a value is kept');
    expect(keptReason({ ...item, reason: 'an older reason', code: null })).toBe('an older reason');
  });

  it('is said in Chinese within a row refused for naming nobody', () => {
    const item = flagged().items.find((kept) => kept.field === 'phone');
    if (!item?.code) throw new Error('a phone is kept with its code');
    const said = zhIssue({
      code: 'nothing_identifies',
      kept: [{ column: item.column, reason: item.code }],
    });
    expect(said).toContain(`（${item.column}：“${item.raw}”`);
    expect(said).not.toContain(item.reason);
  });
});
