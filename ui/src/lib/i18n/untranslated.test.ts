// Every word a screen shows comes from the catalog: a component whose markup holds English
// text of its own (a text node, or a title, placeholder, aria-label, label or alt written as
// a literal) would show it in a Chinese window. This reads every component's markup with
// Svelte's own parser and lists what it finds, by file and line.
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/** Every component's source, by its path under `src/`. */
const SOURCES = import.meta.glob<string>('../../**/*.svelte', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Attributes whose literal value a user reads (or a screen reader says). */
const SPOKEN = new Set(['title', 'placeholder', 'aria-label', 'label', 'alt', 'message']);

/**
 * Words that are the same in both languages: the product's name, file formats, the analytics'
 * names as the field writes them, keys on the keyboard.
 */
const SAME_IN_BOTH =
  /^(Kith|CSV|XLSX|XLS|ODS|vCard|SVG|PNG|JSON|NPS|CSAT|RFM|CLV|BG\/NBD|ROI|ID|URL|Ctrl|Cmd|Shift|Alt|Esc|Enter|Tab|PgUp|PgDn|Home|End|[A-Z]|[a-z])$/;

type Node = { type: string; start: number; [key: string]: unknown };

/** The English words of a text: runs of two or more Latin letters not the same in both. */
function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z'’-]+/g) ?? []).filter((word) => !SAME_IN_BOTH.test(word));
}

/** Every text node and spoken literal attribute under `node`, with where it starts. */
function literals(node: unknown, found: Array<{ at: number; text: string }>): void {
  if (Array.isArray(node)) {
    for (const item of node) literals(item, found);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as Node;
  if (n.type === 'Text' && typeof n.data === 'string') found.push({ at: n.start, text: n.data });
  if (n.type === 'StyleDirective') return;
  if (n.type === 'Attribute') {
    // Other attributes (class, data-testid, type…) are code, not words.
    if (SPOKEN.has(String(n.name)) && Array.isArray(n.value))
      for (const part of n.value as Node[])
        if (part.type === 'Text') found.push({ at: part.start, text: String(part.data) });
    return;
  }
  // Scripts and styles are not markup; expressions inside markup are code.
  for (const [key, value] of Object.entries(n)) {
    if (key === 'instance' || key === 'module' || key === 'css' || key === 'expression') continue;
    if (key === 'metadata' || key === 'parent') continue;
    literals(value, found);
  }
}

describe('the screens', () => {
  it('write no English text of their own in their markup', () => {
    const untranslated: string[] = [];
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    for (const [file, source] of Object.entries(SOURCES)) {
      const ast = parse(source, { modern: true });
      const found: Array<{ at: number; text: string }> = [];
      literals(ast.fragment, found);
      for (const { at, text } of found) {
        const words = englishWords(text);
        if (words.length === 0) continue;
        const line = source.slice(0, at).split('\n').length;
        untranslated.push(`${file.replace('../../', '')}:${line}: ${text.trim().slice(0, 60)}`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});
