//! Keyboard handling shared by the pages that act on the focused row or card.

/**
 * An attachment that gives plain key presses inside an element to `handle`; a press with
 * Ctrl, Cmd or Alt is left to the app's shortcuts. When `handle` says it used the key, the
 * browser's own action for it (scrolling, typing) is prevented.
 */
export function plainKeys(handle: (event: KeyboardEvent) => boolean) {
  return (element: HTMLElement) => {
    const onkey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (handle(event)) event.preventDefault();
    };
    element.addEventListener('keydown', onkey);
    return () => element.removeEventListener('keydown', onkey);
  };
}
