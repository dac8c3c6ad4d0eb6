/**
 * Building DOM without HTML strings: every piece of text goes in through textContent, so nothing typed into an
 * expression can become markup.
 */
type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;
type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'className') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** A source line with a caret line under [start, end): `gleu(x)` / `^^^^`. Multi-line sources show the offending line. */
export function caretLines(source: string, start: number, end: number): { line: string; caret: string } {
  const lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const newline = source.indexOf('\n', start);
  const lineEnd = newline < 0 ? source.length : newline;
  const line = source.slice(lineStart, lineEnd);
  const from = Math.max(0, start - lineStart);
  const width = Math.max(1, Math.min(end, lineEnd) - start);
  return { line, caret: `${' '.repeat(from)}${'^'.repeat(width)}` };
}

/** The message and the expression with a caret under the span. */
export function problemBlock(message: string, source: string, start: number, end: number): HTMLElement {
  const { line, caret } = caretLines(source, start, end);
  return el('div', { className: 'problem', role: 'alert' }, [
    el('div', { className: 'problem-message' }, [message]),
    el('pre', { className: 'problem-source' }, [el('span', {}, [line]), '\n', el('span', { className: 'caret' }, [caret])]),
  ]);
}
