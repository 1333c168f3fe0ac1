//! Entry point: in mock mode, route IPC to the engine's recorded answers first; then mount the app.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { i18n } from './lib/i18n/index.svelte';
import { theme } from './lib/theme.svelte';

async function start(): Promise<void> {
  if (import.meta.env.VITE_KITH_MOCK === '1') {
    // Behind a build-time constant: production builds drop this import and the mock chunk.
    const { installDevMock } = await import('./ipc/mock/install');
    installDevMock();
  }
  // The theme is on <html> before the first screen is drawn, so a dark window never flashes light.
  theme.start();
  // And the window's language is loaded (Chinese is a chunk of its own), so a Chinese window
  // never shows English first.
  await i18n.ready;
  const target = document.getElementById('app');
  if (!target) throw new Error('missing #app element');
  mount(App, { target });
}

void start();
