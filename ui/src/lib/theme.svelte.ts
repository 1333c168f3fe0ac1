//! The window's theme: light or dark, following the system's appearance unless the user chose
//! one in Settings (kept in this window's storage, like the language). The theme shown is set
//! as `data-theme="light|dark"` on `<html>`, which app.css reads; with "System" it follows
//! `prefers-color-scheme` and changes when the system's appearance does.

/** What the user chose. */
export type ThemeChoice = 'system' | 'light' | 'dark';
/** What is shown. */
export type ThemeName = 'light' | 'dark';

export const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** Where the choice is kept: a preference of this window, not of the workspace. */
export const STORAGE_KEY = 'kith.theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isChoice(value: string | null | undefined): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** The system's appearance query, where the window has one (tests may not). */
function systemQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(DARK_QUERY)
    : null;
}

/** The saved choice, else "System". */
function savedChoice(): ThemeChoice {
  const saved = storage()?.getItem(STORAGE_KEY);
  return isChoice(saved) ? saved : 'system';
}

/** The theme a choice shows, given whether the system is dark. */
export function themeOf(choice: ThemeChoice, systemDark: boolean): ThemeName {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

class Theme {
  choice: ThemeChoice = $state(savedChoice());
  private systemDark = $state(systemQuery()?.matches ?? false);

  /** The theme shown now. */
  get shown(): ThemeName {
    return themeOf(this.choice, this.systemDark);
  }

  /** Switches the theme and keeps the choice. */
  set(choice: ThemeChoice): void {
    this.choice = choice;
    storage()?.setItem(STORAGE_KEY, choice);
    this.apply();
  }

  /**
   * Shows the theme on `<html>` and follows the system's appearance from now on; returns the
   * function that stops following it.
   */
  start(): () => void {
    this.apply();
    const query = systemQuery();
    if (!query) return () => {};
    const onchange = (event: MediaQueryListEvent) => {
      this.systemDark = event.matches;
      this.apply();
    };
    query.addEventListener('change', onchange);
    return () => query.removeEventListener('change', onchange);
  }

  private apply(): void {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = this.shown;
  }
}

/** The window's theme (reactive). */
export const theme = new Theme();
