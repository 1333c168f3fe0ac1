import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { FieldSchema } from '../ipc/api';
import FieldInput from './FieldInput.svelte';

const BIRTHDAY: FieldSchema = {
  name: 'birthday',
  label: 'Birthday',
  ty: 'date',
  required: false,
  choices: [],
  ref_kind: null,
  in_list: false,
  year_optional: true,
};

describe('FieldInput for a date', () => {
  it('edits a month and day without a year as text, and keeps it', () => {
    render(FieldInput, { field: BIRTHDAY, value: '--03-05', kindLabel: (kind) => kind });
    const input = screen.getByTestId('field-birthday') as HTMLInputElement;
    expect(input.type, 'a date picker cannot hold --03-05 and would clear it').toBe('text');
    expect(input.value, 'the stored value is shown as it is').toBe('--03-05');
  });

  it('stays text while the value is cleared and retyped', async () => {
    render(FieldInput, { field: BIRTHDAY, value: '--03-05', kindLabel: (kind) => kind });
    await fireEvent.input(screen.getByTestId('field-birthday'), { target: { value: '' } });
    const input = screen.getByTestId('field-birthday') as HTMLInputElement;
    expect(input.type, 'the control does not change under the cursor').toBe('text');
  });

  it('keeps the date picker for a full date', () => {
    render(FieldInput, { field: BIRTHDAY, value: '1985-07-14', kindLabel: (kind) => kind });
    expect((screen.getByTestId('field-birthday') as HTMLInputElement).type).toBe('date');
  });
});
