/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vite';

// Tauri loads the dev server at a fixed address and the built files from ui/dist.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  base: './',
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 1420,
    strictPort: true,
    // Tauri's mobile dev sets TAURI_DEV_HOST; on the desktop the default (localhost) is right.
    host: process.env.TAURI_DEV_HOST || false,
  },
  preview: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    restoreMocks: true,
    // A test that loads the whole app (startup.test.ts) takes seconds on a busy two-core
    // machine; the limit guards against a hang, it is not a speed goal.
    testTimeout: 20_000,
  },
});
