import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import SearchBox from './SearchBox.svelte';

let backend: MockBackend;

const labelOf = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

function searches(): string[] {
  return backend.calls
    .filter((call) => call.command === 'search')
    .map((call) => String(call.args.query));
}

beforeEach(() => {
  vi.useFakeTimers();
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => {
  uninstallMockBackend();
  vi.useRealTimers();
});

async function type(value: string): Promise<void> {
  await fireEvent.input(screen.getByTestId('search-box'), { target: { value } });
}

describe('SearchBox', () => {
  it('waits 80 ms after the last keystroke, then searches once', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    await type('杭');
    await vi.advanceTimersByTimeAsync(50);
    await type('杭州');
    await vi.advanceTimersByTimeAsync(79);
    expect(searches()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(searches()).toEqual(['杭州']);
    expect(await screen.findByTestId('search-result-0')).toHaveTextContent('杭州茶叶有限公司');
  });

  it('groups hits by kind and labels them', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    await type('杭州');
    await vi.advanceTimersByTimeAsync(80);
    const listbox = await screen.findByRole('listbox');
    expect(listbox).toHaveTextContent('Company');
    expect(screen.getByTestId('search-result-0')).toHaveTextContent('Food & beverage');
    expect(screen.getByTestId('search-result-1')).toHaveTextContent('拜访杭州仓库');
  });

  it('moves with the arrow keys and opens the active hit on Enter', async () => {
    const onopen = vi.fn();
    render(SearchBox, { labelOf, onopen });
    const box = screen.getByTestId('search-box');
    await type('杭州');
    await vi.advanceTimersByTimeAsync(80);
    await screen.findByTestId('search-result-1');
    expect(screen.getByTestId('search-result-0')).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByTestId('search-result-1')).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(box, { key: 'ArrowDown' }); // stays on the last hit
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onopen).toHaveBeenCalledTimes(1);
    expect(onopen).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'activity', title: '拜访杭州仓库' }),
    );
    // Opening a hit clears the box and closes the results.
    expect(box).toHaveValue('');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens a hit on click', async () => {
    const onopen = vi.fn();
    render(SearchBox, { labelOf, onopen });
    await type('王芳');
    await vi.advanceTimersByTimeAsync(80);
    await fireEvent.click(await screen.findByTestId('search-result-0'));
    expect(onopen).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'contact', title: '王芳' }),
    );
  });

  it('closes on Escape and clears on a second Escape', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    const box = screen.getByTestId('search-box');
    await type('王芳');
    await vi.advanceTimersByTimeAsync(80);
    await screen.findByRole('listbox');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveValue('王芳');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(box).toHaveValue('');
  });

  it('drops an answer to an older query', async () => {
    let release: () => void = () => {};
    const original = backend.handle;
    backend.handle = async (command, payload) => {
      const args = payload as { query?: string };
      if (command === 'search' && args.query === '王') {
        await new Promise<void>((resolve) => (release = resolve));
      }
      return original(command, payload);
    };
    render(SearchBox, { labelOf, onopen: vi.fn() });
    await type('王');
    await vi.advanceTimersByTimeAsync(80); // slow search for 王 starts
    await type('John');
    await vi.advanceTimersByTimeAsync(80); // fast search for John answers
    expect(await screen.findByTestId('search-result-0')).toHaveTextContent('John Carter');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByTestId('search-result-0')).toHaveTextContent('John Carter');
  });

  it('says so when nothing matches', async () => {
    render(SearchBox, { labelOf, onopen: vi.fn() });
    await type('zzzz');
    await vi.advanceTimersByTimeAsync(80);
    expect(await screen.findByTestId('search-no-results')).toHaveTextContent('Nothing matches');
  });
});
