import { render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../ipc/api';
import { recordedCalls } from '../ipc/mock/fixtures';
import { installReplayBackend, ReplayBackend, uninstallMockBackend } from '../ipc/mock/install';
import { ImportSession } from '../lib/importSession.svelte';
import ImportResult from './ImportResult.svelte';

// The result of importing google_contacts.csv, as the engine reported it (`files` in
// src-tauri/src/record.rs): 13 created (3 of them with a value kept for review), 1 rejected,
// and notes on how the file was read.
const IMPORT_WITH_REVIEW = recordedCalls('import_run', 'files').find((call) =>
  String(call.args.path).endsWith('google_contacts.csv'),
)?.answer as ImportReport;

beforeEach(() => {
  installReplayBackend(new ReplayBackend({ workspace: 'files' }));
});

afterEach(() => {
  uninstallMockBackend();
});

function show(): void {
  const session = new ImportSession('contact');
  session.result = structuredClone(IMPORT_WITH_REVIEW);
  session.step = 'result';
  render(ImportResult, {
    session,
    nameOf: (_kind, count) => (count === 1 ? 'contact' : 'contacts'),
    onopen: () => {},
    onchanged: () => {},
  });
}

describe('the import result', () => {
  it('says how many rows have values to review, with the way to them', () => {
    show();
    expect(
      screen.getByTestId('import-flagged-count'),
      '`Counts.flagged`, as the engine counted',
    ).toHaveTextContent('3');
    expect(screen.getByTestId('import-flagged')).toHaveTextContent(
      '3 rows imported with values Kith could not read',
    );
    expect(
      screen.getByTestId('import-review-link'),
      'the review list of the kind imported',
    ).toHaveAttribute('href', '#/review/contact');
    expect(
      screen.getByTestId('import-result-equation'),
      'flagged rows are not an outcome: the sum is unchanged',
    ).toHaveTextContent('13 created');
  });

  it("lists the report's notes", () => {
    show();
    const notes = within(screen.getByTestId('import-notes')).getAllByRole('listitem');
    expect(
      notes.map((note) => note.textContent),
      "every note, in the engine's words and order",
    ).toEqual(IMPORT_WITH_REVIEW.notes);
  });

  it('shows each kept value under its row: column, the text as written, and why', () => {
    show();
    const dana = IMPORT_WITH_REVIEW.rows.find((row) => row.cells[0] === 'Dana');
    const kept = screen.getByTestId(`row-review-${dana?.line}`);
    expect(kept).toHaveTextContent('E-mail 1 - Value');
    expect(kept).toHaveTextContent('dana@whitfield.example ::: dana.whitfield@example.org');
    expect(kept).toHaveTextContent('holds more than one email address; the first is used');
    expect(
      screen.getByTestId(`row-outcome-${dana?.line}`),
      'the row itself was created',
    ).toHaveTextContent('Created');
  });
});
