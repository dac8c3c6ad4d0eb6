import * as assert from 'node:assert/strict';
import { compile } from '../../../../src/core/index';
import { escapeMarkdown, hoverCommands } from '../../../../src/extension/hover/hoverContent';
import type { HoverOptions } from '../../../../src/extension/hover/hoverEngine';
import { buildHover } from '../../../../src/extension/hover/hoverEngine';

const options: HoverOptions = { theme: 'light', range: [-4, 4], width: 240, height: 120, showDerivative: true };

function hoverAt(text: string, word: string, languageId = 'python') {
  const result = buildHover(text, text.indexOf(word) + 1, { ...options, languageId });
  assert.ok(result, `a hover on ${word}`);
  return result;
}

/** The JSON arguments of a `command:` link in the markdown. */
function commandArgs(markdown: string, command: string): unknown {
  const m = new RegExp(`\\(command:${command.replace('.', '\\.')}\\?([^ ()]+) "`).exec(markdown);
  assert.ok(m, `a ${command} link`);
  return JSON.parse(decodeURIComponent(m[1]));
}

describe('hover content', () => {
  const leaky = hoverAt('import torch.nn as nn\nact = nn.LeakyReLU(0.2)\n', 'LeakyReLU');

  it('names the function and its framework with the arguments in effect', () => {
    assert.match(leaky.markdown, /^\*\*Leaky ReLU\*\* · `torch\.nn\.LeakyReLU\(negative_slope=0\.2\)` · PyTorch module/);
  });

  it('gives the formula and the derivative in plain Unicode', () => {
    assert.match(leaky.markdown, /\nf\(x\) = x if x \\> 0, else α·x {2}\nf′\(x\) = 1 if x \\> 0, else α\n/);
  });

  it('lists the parameter with its written value and the defaults of other frameworks', () => {
    const line = leaky.markdown.split('\n').find((l) => l.startsWith('- `negative_slope`'));
    assert.ok(line, 'a negative_slope line');
    assert.match(line, /= \*\*0\.2\*\* \(written\)/);
    assert.match(line, /0\.01 in PyTorch, JAX, Flax/);
    assert.match(line, /0\.3 in keras\.layers\.LeakyReLU, tf\.layers\.leakyReLU/);
    assert.doesNotMatch(line, /0\.2 in/, 'the value in effect is not listed as another default');
  });

  it('states the properties and the kink with the convention used there', () => {
    assert.match(leaky.markdown, /\*\*Properties\*\* · range \(−∞, ∞\) · monotonic · not smooth · not zero-centred · saturates: never/);
    assert.match(leaky.markdown, /\*\*Not differentiable\*\* at x = 0; convention used: f′\(0\) = 0\.2/);
  });

  it('embeds the image as a sized base64 SVG data URI', () => {
    const m = /!\[([^\]]*)\]\((data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+)\|width=240,height=120\)/.exec(leaky.markdown);
    assert.ok(m, 'an image');
    assert.match(m[1], /f solid, f′ dashed/);
    const svg = Buffer.from(m[2].split(',')[1], 'base64').toString('latin1');
    assert.match(svg, /^<svg [^>]*width="240" height="120"/);
    assert.equal((svg.match(/<g class="(f|df)"/g) ?? []).length, 2);
  });

  it('links Open plot with an expression the core evaluates to the same curve', () => {
    const [request] = commandArgs(leaky.markdown, 'actviz.plotExpression') as [{ expr: string; from: number; to: number; params: Record<string, number> }];
    assert.deepEqual(request, { expr: 'leaky_relu(x, negative_slope=0.2)', from: -4, to: 4, params: { negative_slope: 0.2 } });
    const { y } = compile(request.expr).at([-2, 3], 0);
    assert.deepEqual([...y], [-0.4, 3]);
  });

  it('links Compare defaults with the canonical name', () => {
    assert.deepEqual(commandArgs(leaky.markdown, 'actviz.compareDefaults'), [{ fn: 'leaky_relu' }]);
  });

  it('links no command other than the two trusted ones', () => {
    const commands = [...leaky.markdown.matchAll(/command:([\w.]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(commands)].sort(), [...hoverCommands].sort());
  });

  it('writes values the way the framework does (JAX approximate=True)', () => {
    const r = hoverAt('import jax\ny = jax.nn.gelu(x)\n', 'gelu');
    assert.match(r.markdown, /`jax\.nn\.gelu\(x, approximate=True\)` · JAX function/);
    assert.match(r.markdown, /- `approximate` = \*\*True\*\* \(default\)/);
    assert.match(r.markdown, /'none' in PyTorch/);
    const [request] = commandArgs(r.markdown, 'actviz.plotExpression') as [{ expr: string }];
    assert.equal(request.expr, "gelu(x, approximate='tanh')");
  });

  it("names the framework's keyword beside the canonical one (tf.nn.leaky_relu alpha)", () => {
    const r = hoverAt('import tensorflow as tf\ny = tf.nn.leaky_relu(x, alpha=0.1)\n', 'leaky_relu');
    assert.match(r.markdown, /- `alpha \(negative_slope\)` = \*\*0\.1\*\* \(written\)/);
  });

  it('says when an argument is not a literal', () => {
    const r = hoverAt('import torch.nn as nn\nact = nn.LeakyReLU(slope)\n', 'LeakyReLU');
    assert.match(r.markdown, /= \*\*0\.01\*\* \(default; `slope` is not a literal\)/);
  });

  it('shows how a self.act hover was resolved', () => {
    const r = hoverAt('import torch.nn as nn\nself.act = nn.SiLU()\ny = self.act(x)\n', 'act(x');
    assert.match(r.markdown, /`self\.act` is assigned `nn\.SiLU\(\)`/);
  });

  it('describes string identifiers and the values they fix', () => {
    const r = hoverAt('{"hidden_act": "gelu_new"}', 'gelu_new', 'json');
    assert.match(r.markdown, /`'gelu_new'` · Hugging Face ACT2FN name/);
    assert.match(r.markdown, /- `approximate` = \*\*'tanh'\*\* \(fixed by `gelu_new`\)/);
  });

  it("plots a vector function's first output on [x, 0, 1]", () => {
    const r = hoverAt('import torch.nn as nn\nsm = nn.Softmax(dim=-1)\n', 'Softmax');
    assert.ok(r.image, 'an image');
    assert.equal(r.plot.expr, 'softmax([x, 0, 1])[0]');
    assert.match(r.image.alt, /softmax\(\[x, 0, 1\]\)\[0\]/);
  });

  it('explains why a loss has no plot', () => {
    const r = hoverAt('import torch.nn as nn\nloss = nn.CrossEntropyLoss()\n', 'CrossEntropyLoss');
    assert.equal(r.image, undefined);
    assert.match(r.markdown, /\*No plot: this function takes targets as well as inputs\.\*/);
  });

  it('stays far below the 100 000-character hover limit at the largest image size', () => {
    const text = 'import torch.nn as nn\nnn.Mish()\n';
    const r = buildHover(text, text.indexOf('Mish'), { ...options, width: 800, height: 400, languageId: 'python' });
    assert.ok(r);
    assert.ok(r.markdown.length < 20_000, `${r.markdown.length} characters`);
  });

  it('escapes markdown syntax in catalogue text', () => {
    assert.equal(escapeMarkdown('a*b_c [d](e) <f> |g| `h` $i$'), 'a\\*b\\_c \\[d\\](e) \\<f\\> \\|g\\| \\`h\\` \\$i\\$');
  });
});
