//! Transient notifications: errors the user should see but that belong to no form field.
import { KithError } from '../ipc/api';
import { errorMessage } from '../ipc/errors';
import { t } from './i18n/index.svelte';

export type Toast = { id: number; tone: 'error' | 'success' | 'info'; text: string };

class Toasts {
  items: Toast[] = $state([]);
  private next = 1;

  show(tone: Toast['tone'], text: string, ms = tone === 'error' ? 7000 : 3500): void {
    const id = this.next++;
    this.items.push({ id, tone, text });
    setTimeout(() => this.dismiss(id), ms);
  }

  /**
   * Shows an error from the engine (or anything thrown) with what the user was doing (said in
   * the window's language by the caller), and the engine's code when it has one.
   */
  error(doing: string, error: unknown): void {
    const message = errorMessage(error);
    this.show(
      'error',
      error instanceof KithError
        ? t('toast.errorCode', { doing, message, code: error.code })
        : t('toast.error', { doing, message }),
    );
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

export const toasts = new Toasts();
