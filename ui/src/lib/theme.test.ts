// The theme: the user's choice is kept and shown on <html>; "System" follows the system's
// light or dark appearance, also when it changes while the window is open.
import { render, screen, fireEvent } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Settings from '../components/Settings.svelte';
import { STORAGE_KEY, theme, themeOf } from './theme.svelte';

afterEach(() => {
  theme.set('system');
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** A system appearance the test can change: `matchMedia` as the webview gives it. */
function systemAppearance(dark: boolean) {
  const listeners = new Set<(event: MediaQueryListEvent) => void>();
  const query = {
    matches: dark,
    media: '(prefers-color-scheme: dark)',
    addEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) =>
      listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) =>
      listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', () => query);
  return (next: boolean) => {
    query.matches = next;
    for (const listener of listeners) listener({ matches: next } as MediaQueryListEvent);
  };
}

describe('theme', () => {
  it('is chosen in Settings, kept for the next start and set on <html>', async () => {
    render(Settings);
    expect(screen.getByTestId('theme-system')).toBeChecked();
    await fireEvent.click(screen.getByTestId('theme-dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('dark');
    expect(screen.getByTestId('theme-dark')).toBeChecked();
    await fireEvent.click(screen.getByTestId('theme-light'));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('light');
  });

  it('starts with the kept choice', async () => {
    localStorage.setItem(STORAGE_KEY, 'dark');
    systemAppearance(false);
    const fresh = (await import('./theme.svelte')).theme;
    expect(fresh.choice).toBe('dark');
    fresh.start();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('follows the system on “System”, and its changes while open', async () => {
    localStorage.setItem(STORAGE_KEY, 'system');
    const change = systemAppearance(true);
    const fresh = (await import('./theme.svelte')).theme;
    const stop = fresh.start();
    expect(document.documentElement.dataset.theme).toBe('dark');
    change(false);
    expect(document.documentElement.dataset.theme).toBe('light');
    // A chosen theme holds whatever the system does.
    fresh.set('dark');
    change(false);
    expect(document.documentElement.dataset.theme).toBe('dark');
    stop();
  });

  it('maps a choice to the theme shown', () => {
    expect(themeOf('system', true)).toBe('dark');
    expect(themeOf('system', false)).toBe('light');
    expect(themeOf('light', true)).toBe('light');
    expect(themeOf('dark', false)).toBe('dark');
  });
});
