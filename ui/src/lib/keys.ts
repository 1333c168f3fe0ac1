//! Keyboard handling shared by the pages that act on the focused row or card, and the arrows
//! between the cards of a board (the deal board, the ticket queue).

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

/**
 * The arrow keys on a board's focused card (`[data-card-id]`, its title `.title` taking the
 * focus): ↑/↓ go along its column, ←/→ to the first card of the column beside (the nearest
 * ancestor matching `column`). Says whether the key was one of them.
 */
export function focusBesideCard(card: HTMLElement, key: string, column: string): boolean {
  const focus = (target: Element | null | undefined) =>
    target?.querySelector<HTMLElement>('.title')?.focus();
  if (key === 'ArrowDown') focus(card.nextElementSibling);
  else if (key === 'ArrowUp') focus(card.previousElementSibling);
  else if (key === 'ArrowRight' || key === 'ArrowLeft') {
    const own = card.closest(column);
    const beside = key === 'ArrowRight' ? own?.nextElementSibling : own?.previousElementSibling;
    focus(beside?.querySelector('[data-card-id]'));
  } else return false;
  return true;
}
