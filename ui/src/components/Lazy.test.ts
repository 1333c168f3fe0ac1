// A component of its own chunk, drawn by Lazy: nothing while a load is quick, a spinner only
// when it drags on, the component once loaded; a failed load says so with a way to try again,
// or, for an overlay, tells its owner and shows nothing.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { lazy } from '../lib/lazy.svelte';
import Lazy from './Lazy.svelte';

/** A load the test finishes: `open()` or `fail(reason)`; `asked` counts the loads begun. */
function held(name: string) {
  const state = { asked: 0, open: () => {}, fail: (_reason: string) => {} };
  const loadable = lazy<string>(() => {
    state.asked++;
    return new Promise((resolve, reject) => {
      state.open = () => resolve({ default: name });
      state.fail = (reason) => reject(new Error(reason));
    });
  });
  return { loadable, state };
}

/** Draws the loaded "component" (here its name) as a paragraph. */
const shown = createRawSnippet((name: () => string) => ({
  render: () => `<p data-testid="loaded">${name()}</p>`,
}));

describe('Lazy', () => {
  it('shows nothing for a quick load, then the component', async () => {
    const { loadable, state } = held('Screen');
    const { container } = render(Lazy<string>, { of: loadable, children: shown });
    expect(screen.queryByRole('status'), 'no spinner for a few ms').toBeNull();
    expect(container.textContent).toBe('');
    state.open();
    expect(await screen.findByTestId('loaded')).toHaveTextContent('Screen');
    expect(state.asked).toBe(1);
  });

  it('shows a spinner only when a load drags on', async () => {
    const { loadable, state } = held('Slow');
    render(Lazy<string>, { of: loadable, children: shown });
    expect(await screen.findByRole('status')).toBeInTheDocument();
    state.open();
    expect(await screen.findByTestId('loaded')).toHaveTextContent('Slow');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('draws a loaded component at once, without loading it again', async () => {
    const { loadable, state } = held('Ready');
    const loading = loadable.load();
    state.open();
    await loading;
    render(Lazy<string>, { of: loadable, children: shown });
    expect(screen.getByTestId('loaded')).toHaveTextContent('Ready');
    expect(state.asked).toBe(1);
  });

  it('says why a load failed, and tries again', async () => {
    const { loadable, state } = held('Again');
    render(Lazy<string>, { of: loadable, children: shown });
    state.fail('chunk missing');
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('This screen could not be loaded');
    expect(empty).toHaveTextContent('chunk missing');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(state.asked).toBe(2);
    state.open();
    expect(await screen.findByTestId('loaded')).toHaveTextContent('Again');
  });

  it('hands an overlay’s failure to its owner and shows nothing', async () => {
    const { loadable, state } = held('Overlay');
    const onfailed = vi.fn();
    const { container } = render(Lazy<string>, { of: loadable, children: shown, onfailed });
    state.fail('chunk missing');
    await vi.waitFor(() => expect(onfailed).toHaveBeenCalledWith('chunk missing'));
    expect(container.textContent).toBe('');
  });
});
