// What an undo kept, and why, as the engine reported it: the contacts in GBK imported, then
// one contact's city changed again and another contact edited before the undo (`files` in
// src-tauri/src/record.rs). English shows the engine's words; Chinese says each from its code.
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kind, UndoReport } from '../ipc/api';
import { recordedCalls } from '../ipc/mock/fixtures';
import { i18n } from '../lib/i18n/index.svelte';
import { ZH_SCHEMA } from '../lib/i18n/schema';
import UndoSummary from './UndoSummary.svelte';

const UNDO_THAT_KEPT = recordedCalls('import_undo', 'files')
  .map((call) => call.answer as UndoReport)
  .find((report) => report.kept.length > 0);

afterEach(() => i18n.set('en'));

function show(): UndoReport {
  if (!UNDO_THAT_KEPT) throw new Error('an undo that kept records was recorded');
  render(UndoSummary, {
    report: UNDO_THAT_KEPT,
    nameOf: (kind: Kind) => (i18n.language === 'zh' ? ZH_SCHEMA[kind].label : kind),
  });
  return UNDO_THAT_KEPT;
}

describe('what an undo kept', () => {
  it("lists each record kept with the engine's reason", () => {
    const report = show();
    const kept = screen.getByTestId('undo-kept');
    expect(report.kept.map((note) => note.reason.code.code).sort()).toEqual([
      'edited_later',
      'field_changed_later',
    ]);
    for (const note of report.kept) {
      expect(kept).toHaveTextContent(note.title);
      expect(kept).toHaveTextContent(note.reason.text);
    }
    expect(kept).toHaveTextContent('city was changed after the import; the newer value is kept');
  });

  it('says in Chinese why each was kept, the field by its label', () => {
    i18n.set('zh');
    show();
    const kept = screen.getByTestId('undo-kept');
    expect(kept).toHaveTextContent('城市在导入之后被修改过，保留较新的值');
    expect(kept).toHaveTextContent('在导入之后被编辑过，连同编辑一并保留');
    expect(kept).not.toHaveTextContent('after the import');
  });
});
