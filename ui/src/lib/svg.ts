//! The engine's chart SVG, made ready to sit inline in a card: parsed as SVG (not HTML), with
//! anything active removed (scripts, event handlers, foreign content, links out of the
//! document) — chart labels carry user data such as city and segment names — and sized by
//! its `viewBox`, so CSS sets its size.

const ACTIVE_ELEMENTS = 'script, foreignObject, iframe, object, embed, audio, video';

/** The SVG as safe inline markup, or null when it is not an SVG document. */
export function inlineSvg(text: string): string | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const element of Array.from(root.querySelectorAll(ACTIVE_ELEMENTS))) element.remove();
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const external =
        (name === 'href' || name === 'xlink:href') && !attribute.value.trim().startsWith('#');
      if (name.startsWith('on') || external) element.removeAttribute(attribute.name);
    }
  }
  const width = Number.parseFloat(root.getAttribute('width') ?? '');
  const height = Number.parseFloat(root.getAttribute('height') ?? '');
  if (!root.hasAttribute('viewBox') && width > 0 && height > 0) {
    root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }
  root.removeAttribute('width');
  root.removeAttribute('height');
  root.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  return new XMLSerializer().serializeToString(root);
}
