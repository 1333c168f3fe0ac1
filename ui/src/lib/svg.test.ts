import { describe, expect, it } from 'vitest';
import { inlineSvg } from './svg';

describe('inlineSvg', () => {
  it('keeps the drawing and its text, sized by a viewBox instead of pixels', () => {
    const out = inlineSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><text x="5" y="20">杭州 &amp; 上海</text></svg>',
    );
    expect(out).not.toBeNull();
    const svg = new DOMParser().parseFromString(out ?? '', 'image/svg+xml').documentElement;
    expect(svg.getAttribute('viewBox')).toBe('0 0 640 360');
    expect(svg.hasAttribute('width')).toBe(false);
    expect(svg.textContent).toBe('杭州 & 上海');
  });

  it('removes scripts, handlers, foreign content and links out of the document', () => {
    const out =
      inlineSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">' +
          '<script>alert(2)</script><foreignObject><div>x</div></foreignObject>' +
          '<a href="javascript:alert(3)"><rect onclick="alert(4)" width="1" height="1"/></a>' +
          '<use xlink:href="#mark"/></svg>',
      ) ?? '';
    expect(out).not.toMatch(/alert|script|foreignObject|javascript/);
    expect(out).toContain('xlink:href="#mark"');
    expect(out).toContain('viewBox="0 0 10 10"');
  });

  it('refuses what is not an SVG document', () => {
    expect(inlineSvg('<html><body>no</body></html>')).toBeNull();
    expect(inlineSvg('not xml at all <')).toBeNull();
  });
});
