import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { HoverDocument, HoverOptions } from '../../../../src/extension/hover/hoverEngine';
import { buildHover, HoverEngine } from '../../../../src/extension/hover/hoverEngine';

const options: HoverOptions = { theme: 'dark', range: [-4, 4], width: 240, height: 120, showDerivative: true };

/** A document whose text can change, counting how often the engine asks for it. */
class FakeDocument implements HoverDocument {
  reads = 0;
  constructor(
    readonly key: string,
    private content: string,
    readonly languageId = 'python',
    public version = 1,
  ) {}

  getText(): string {
    this.reads++;
    return this.content;
  }

  edit(content: string): void {
    this.content = content;
    this.version++;
  }

  offsetOf(word: string): number {
    return this.content.indexOf(word) + 1;
  }
}

describe('hover engine', () => {
  it('analyses a document once per version, however often it is hovered', () => {
    const engine = new HoverEngine();
    const doc = new FakeDocument('a.py', 'import torch.nn as nn\nact = nn.GELU()\ny = nn.ReLU()\n');
    for (let i = 0; i < 5; i++) {
      assert.equal(engine.hover(doc, doc.offsetOf('GELU'), options)?.resolution.activation.name, 'gelu');
      assert.equal(engine.hover(doc, doc.offsetOf('ReLU'), options)?.resolution.activation.name, 'relu');
    }
    assert.equal(doc.reads, 1);
    doc.edit('import flax.linen as nn\ny = nn.gelu(x)\n');
    assert.equal(engine.hover(doc, doc.offsetOf('gelu'), options)?.resolution.framework, 'flax');
    assert.equal(doc.reads, 2);
  });

  it('answers in a long file from the cached analysis', () => {
    const engine = new HoverEngine();
    const body = Array.from({ length: 20_000 }, (_, i) => `h${i} = self.fc${i}(x)  # layer ${i}`).join('\n');
    const doc = new FakeDocument('long.py', `import torch.nn.functional as F\n${body}\ny = F.leaky_relu(x, negative_slope=0.2)\n`);
    const offset = doc.offsetOf('leaky_relu(x, neg');
    for (let i = 0; i < 20; i++) assert.ok(engine.hover(doc, offset, options));
    assert.equal(doc.reads, 1);
  });

  it('lends the imports and assignments of other notebook cells to a cell', () => {
    const engine = new HoverEngine();
    const first = new FakeDocument('cell1', 'import flax.linen as nn\nimport torch.nn.functional as F\n');
    const second = new FakeDocument('cell2', 'y = nn.gelu(x)\nz = F.gelu(x)\n');
    assert.equal(engine.hover(second, second.offsetOf('gelu(x)\nz'), options, [first, second])?.resolution.framework, 'flax');
    assert.equal(engine.hover(second, second.offsetOf('F.gelu') + 2, options, [first])?.resolution.framework, 'torch');
    const nnGelu = new FakeDocument('cell3', 'act = nn.GELU()\n');
    assert.equal(engine.hover(nnGelu, nnGelu.offsetOf('GELU'), options, [first]), undefined, "flax's nn has no GELU");
  });

  it('keeps a cell\'s own binding before its neighbours\'', () => {
    const engine = new HoverEngine();
    const other = new FakeDocument('cell1', 'import flax.linen as nn\n');
    const cell = new FakeDocument('cell2', 'from torch import nn\nact = nn.GELU()\n');
    assert.equal(engine.hover(cell, cell.offsetOf('GELU'), options, [other])?.resolution.framework, 'torch');
  });

  it('makes the same markdown with and without the image cache, and a new image for another theme', () => {
    const text = 'import torch.nn as nn\nact = nn.ELU(alpha=0.5)\n';
    const cached = new HoverEngine();
    const uncached = new HoverEngine({ cacheImages: false });
    const doc = () => new FakeDocument('e.py', text);
    const a = cached.hover(doc(), text.indexOf('ELU'), options);
    const b = cached.hover(doc(), text.indexOf('ELU'), options);
    const c = uncached.hover(doc(), text.indexOf('ELU'), options);
    assert.ok(a && b && c);
    assert.equal(a.markdown, b.markdown);
    assert.equal(a.markdown, c.markdown);
    const light = cached.hover(doc(), text.indexOf('ELU'), { ...options, theme: 'light' });
    assert.ok(light?.image && a.image);
    assert.notEqual(light.image.uri, a.image.uri);
    cached.clearImages();
    assert.equal(cached.hover(doc(), text.indexOf('ELU'), options)?.image?.uri, a.image.uri);
  });

  it('follows the settings: range, size and derivative', () => {
    const text = 'import torch\ny = torch.tanh(x)\n';
    const r = buildHover(text, text.indexOf('tanh'), { ...options, range: [-2, 6], width: 300, height: 100, showDerivative: false, languageId: 'python' });
    assert.ok(r?.image);
    assert.deepEqual([r.plot.from, r.plot.to], [-2, 6]);
    assert.match(r.markdown, /\|width=300,height=100\)/);
    const svg = Buffer.from(r.image.uri.split(',')[1], 'base64').toString('latin1');
    assert.doesNotMatch(svg, /class="df"/);
    assert.match(svg, />&#8722;2</);
    assert.match(svg, />6</);
  });

  it('returns nothing for languages it does not read', () => {
    assert.equal(buildHover('nn.GELU()', 4, { ...options, languageId: 'rust' }), undefined);
  });

  it('never throws, whatever the text and position', () => {
    const engine = new HoverEngine({ cacheImages: false });
    const pieces = ['nn.', 'GELU', 'F.', 'gelu', '(', ')', '"', "'", '#', '//', '/*', '*/', '`', '```', '\n', ' ', '=', ':', '[', ']',
      '{', '}', ',', 'x', '0.2', 'import ', 'from ', ' as ', 'torch', 'tf.', 'activation', '- ', 'self.', '\\', '"""', '-'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.constantFrom('python', 'typescript', 'json', 'yaml', 'markdown'),
        fc.nat(),
        (parts, languageId, seed) => {
          const text = parts.join('');
          const offset = text.length === 0 ? 0 : seed % (text.length + 2) - 1;
          const doc: HoverDocument = { key: 'fuzz', version: seed, languageId, text, getText: () => text };
          const r = engine.hover(doc, offset, options);
          if (r) assert.ok(r.start <= offset && offset < r.end);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
