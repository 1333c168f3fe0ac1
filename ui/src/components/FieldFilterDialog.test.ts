import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { KindSchema } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import FieldFilterDialog from './FieldFilterDialog.svelte';

// The filter dialog on the engine's recorded deal schema: what it hands the list is the value
// the engine's filters take.
const deal = recordedAnswer<KindSchema[]>('schema', {}, 'demo').find((s) => s.kind === 'deal');

function open() {
  const onapply = vi.fn<(name: string, value: string) => void>();
  render(FieldFilterDialog, { schema: deal as KindSchema, onapply, onclose: () => {} });
  return onapply;
}

describe('the filter dialog', () => {
  it('filters a choice by any of the values ticked', async () => {
    const onapply = open();
    expect(screen.getByTestId('filter-apply')).toBeDisabled();
    await fireEvent.change(screen.getByTestId('filter-field'), { target: { value: 'stage' } });
    await fireEvent.click(screen.getByTestId('filter-choice-lead'));
    await fireEvent.click(screen.getByTestId('filter-choice-qualified'));
    await fireEvent.click(screen.getByTestId('filter-apply'));
    expect(onapply).toHaveBeenCalledWith('stage', 'lead|qualified');
  });

  it('filters a figure by a range with an open end', async () => {
    const onapply = open();
    await fireEvent.change(screen.getByTestId('filter-field'), { target: { value: 'value' } });
    await fireEvent.input(screen.getByTestId('filter-from'), { target: { value: '1000' } });
    await fireEvent.click(screen.getByTestId('filter-apply'));
    expect(onapply).toHaveBeenCalledWith('value', '1000..');
  });

  it('filters by a tag', async () => {
    const onapply = open();
    await fireEvent.change(screen.getByTestId('filter-field'), { target: { value: 'tag' } });
    await fireEvent.input(screen.getByTestId('filter-value'), { target: { value: ' VIP ' } });
    await fireEvent.click(screen.getByTestId('filter-apply'));
    expect(onapply).toHaveBeenCalledWith('tag', 'VIP');
  });
});
