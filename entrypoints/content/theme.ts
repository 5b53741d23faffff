/**
 * Whether the page shows a response on a dark or a light background, so the
 * controls under it stay legible: chat apps have their own dark themes, set
 * by a class or a setting rather than by the system's preference alone. Read
 * once per page (and again when the page switches theme), from the first
 * response's nearest painted background; a page that paints none shows the
 * canvas, which is dark only where the page opts into a dark colour scheme.
 */
export type Theme = 'light' | 'dark';

function rgba(color: string): [number, number, number, number] | undefined {
  const parts = color.match(/[\d.]+/g)?.map(Number);
  if (!parts || parts.length < 3) return undefined;
  const [r = 0, g = 0, b = 0, a = 1] = parts;
  return [r, g, b, a];
}

/** Relative luminance (WCAG), 0 (black) to 1 (white). */
function luminance([r, g, b]: [number, number, number, number]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function pageTheme(el: Element): Theme {
  for (let at: Element | null = el; at; at = at.parentElement) {
    const color = rgba(getComputedStyle(at).backgroundColor);
    if (color && color[3] > 0.5) return luminance(color) < 0.3 ? 'dark' : 'light';
  }
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  const systemDark = matchMedia('(prefers-color-scheme: dark)').matches;
  return scheme.includes('dark') && (systemDark || !scheme.includes('light')) ? 'dark' : 'light';
}
