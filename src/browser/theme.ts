/**
 * The plot theme from VS Code's `--vscode-*` CSS variables, shared by the panel webview and the notebook renderer.
 * Neither gets a theme event, so `watchTheme` observes the attributes VS Code changes on a theme switch
 * (`body` class and `data-vscode-theme-kind`, the inline style on `html` that carries the variables).
 */
import { contrastRatio, fallbackTheme, withAlpha } from '../shared/figure';
import type { PlotTheme } from '../shared/figure';

/** The theme kind VS Code announces on `body` (`data-vscode-theme-kind` or a `vscode-*` class). */
export function themeKind(body: HTMLElement): PlotTheme['kind'] {
  const announced = body.dataset.vscodeThemeKind ?? '';
  const classes = body.classList;
  const has = (kind: string): boolean => announced === kind || classes.contains(kind);
  if (has('vscode-high-contrast-light')) return 'high-contrast-light';
  if (has('vscode-high-contrast')) return 'high-contrast';
  if (has('vscode-dark')) return 'dark';
  return 'light';
}

/** Reads the theme from the CSS variables in effect at `element`; missing variables fall back to VS Code's defaults. */
export function readTheme(element: HTMLElement = document.body): PlotTheme {
  const kind = themeKind(element.ownerDocument.body);
  const base = fallbackTheme(kind);
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  const read = (name: string): string | undefined => {
    const value = style?.getPropertyValue(`--vscode-${name}`).trim();
    return value ? value : undefined;
  };
  const contrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const foreground = read('editor-foreground') ?? read('foreground') ?? base.foreground;
  const background = read('editor-background') ?? base.background;
  // The theme's chart colours, except any that would be hard to see on the background (some themes define them
  // for small badges, not lines): those fall back to VS Code's default colour for that slot.
  const chart = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'].map((c) => read(`charts-${c}`));
  const palette = base.palette.map((fallback, i) => {
    const themed = chart[i];
    return themed && contrastRatio(themed, background) >= 3 ? themed : fallback;
  });
  const size = Number.parseFloat(read('font-size') ?? '');
  const border = read('contrastBorder');
  return {
    kind,
    foreground,
    background,
    grid: withAlpha(read('charts-lines') ?? foreground, contrast ? 0.45 : 0.18),
    zeroLine: withAlpha(foreground, contrast ? 0.9 : 0.45),
    hoverBackground: read('editorHoverWidget-background') ?? base.hoverBackground,
    hoverForeground: read('editorHoverWidget-foreground') ?? foreground,
    hoverBorder: border ?? read('editorHoverWidget-border') ?? base.hoverBorder,
    fontFamily: read('font-family') ?? base.fontFamily,
    fontSize: Number.isFinite(size) && size >= 8 && size <= 32 ? size : base.fontSize,
    palette,
    saturation: withAlpha(read('charts-red') ?? base.positive, contrast ? 0.28 : kind === 'dark' ? 0.16 : 0.11),
    marker: foreground,
    negative: palette[0] as string,
    positive: read('charts-red') ?? base.positive,
  };
}

/**
 * Calls `onChange` with the new theme whenever VS Code switches themes (at most once per task, only on a real change).
 * Returns the function that stops watching.
 */
export function watchTheme(onChange: (theme: PlotTheme) => void, element: HTMLElement = document.body): () => void {
  const doc = element.ownerDocument;
  let current = JSON.stringify(readTheme(element));
  let pending = false;
  const check = (): void => {
    pending = false;
    const theme = readTheme(element);
    const key = JSON.stringify(theme);
    if (key === current) return;
    current = key;
    onChange(theme);
  };
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(check);
  });
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id'] });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
