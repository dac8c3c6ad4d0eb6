import * as assert from 'node:assert/strict';
import type { DocumentAnalysis } from '../../../../src/extension/hover/analyze';
import { analyzeDocument, documentKind, RegionKind, regionAt, segmentAt } from '../../../../src/extension/hover/analyze';

/** The region kind at the first occurrence of `needle` (+ `shift`), or 'code'. */
function kindAt(text: string, analysis: DocumentAnalysis, needle: string, shift = 0): 'comment' | 'string' | 'code' {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the text`);
  const r = regionAt(analysis, at + shift);
  return r < 0 ? 'code' : analysis.regionKind[r] === RegionKind.Comment ? 'comment' : 'string';
}

describe('hover document analysis', () => {
  describe('document kinds', () => {
    const table: [string, string | undefined][] = [
      ['python', 'python'],
      ['typescript', 'js'],
      ['javascriptreact', 'js'],
      ['json', 'json'],
      ['jsonc', 'json'],
      ['yaml', 'yaml'],
      ['markdown', 'markdown'],
      ['plaintext', undefined],
      ['rust', undefined],
    ];
    for (const [language, kind] of table) {
      it(`reads ${language} as ${kind ?? 'nothing'}`, () => assert.equal(documentKind(language), kind));
    }
  });

  describe('python imports', () => {
    const table: [string, Record<string, string | null>][] = [
      ['import torch.nn.functional as F', { F: 'torch.nn.functional' }],
      ['from torch import nn', { nn: 'torch.nn' }],
      ['import flax.linen as nn', { nn: 'flax.linen' }],
      ['from jax import nn as jnn', { jnn: 'jax.nn' }],
      ['import keras', { keras: 'keras' }],
      ['from tensorflow import keras', { keras: 'tensorflow.keras' }],
      ['import torch.nn', { torch: 'torch' }],
      ['import torch, jax.numpy as jnp', { torch: 'torch', jnp: 'jax.numpy' }],
      ['from torch.nn import GELU, ReLU as R', { GELU: 'torch.nn.GELU', R: 'torch.nn.ReLU' }],
      ['from torch.nn.functional import (\n    relu,  # plain\n    gelu as g,\n)', { relu: 'torch.nn.functional.relu', g: 'torch.nn.functional.gelu' }],
      ['from torch.nn import \\\n    SiLU', { SiLU: 'torch.nn.SiLU' }],
      ['    import torch.nn as nn  # inside a function', { nn: 'torch.nn' }],
      ['import torch.nn as nn\nimport flax.linen as nn', { nn: null }],
      ['import torch.nn as nn\nfrom torch import nn', { nn: 'torch.nn' }],
    ];
    for (const [source, expected] of table) {
      it(`binds ${JSON.stringify(expected)} for ${JSON.stringify(source)}`, () => {
        const analysis = analyzeDocument(source, 'python');
        for (const [local, target] of Object.entries(expected)) assert.equal(analysis.python.bindings.get(local), target, local);
      });
    }

    it('records star imports', () => {
      assert.deepEqual(analyzeDocument('from torch.nn.functional import *', 'python').python.stars, ['torch.nn.functional']);
    });

    it('ignores imports written in strings and comments', () => {
      const analysis = analyzeDocument('# import flax.linen as nn\ns = """\nimport flax.linen as nn\n"""\n', 'python');
      assert.equal(analysis.python.bindings.size, 0);
    });
  });

  describe('javascript imports', () => {
    const table: [string, Record<string, string>][] = [
      ["import * as tf from '@tensorflow/tfjs';", { tf: 'tf' }],
      ["import * as tf from '@tensorflow/tfjs-node';", { tf: 'tf' }],
      ["import tf from '@tensorflow/tfjs';", { tf: 'tf' }],
      ["import { layers, leakyRelu as lr } from '@tensorflow/tfjs';", { layers: 'tf.layers', lr: 'tf.leakyRelu' }],
      ["const tf = require('@tensorflow/tfjs-core');", { tf: 'tf' }],
      ["const { layers: L } = require('@tensorflow/tfjs-layers');", { L: 'tf.layers' }],
      ["import * as tf from 'my-tensor-lib';", { tf: 'js:my-tensor-lib' }],
    ];
    for (const [source, expected] of table) {
      it(`binds ${JSON.stringify(expected)} for ${JSON.stringify(source)}`, () => {
        const analysis = analyzeDocument(source, 'js');
        for (const [local, target] of Object.entries(expected)) assert.equal(analysis.js.bindings.get(local), target, local);
      });
    }
  });

  describe('definitions and assignments', () => {
    it('records def, class and function names as the document\'s own', () => {
      const py = analyzeDocument('def relu(x):\n    pass\nclass GELU:\n    pass\nasync def act(): pass', 'python').python;
      assert.deepEqual([...py.definitions].sort(), ['GELU', 'act', 'relu']);
      const js = analyzeDocument('function relu(x) {}\nexport class Gelu {}', 'js').js;
      assert.deepEqual([...js.definitions].sort(), ['Gelu', 'relu']);
    });

    const table: [string, string, string | null][] = [
      ['self.act = nn.GELU(approximate="tanh")', 'self.act', 'nn.GELU(approximate="tanh")'],
      ['act = nn.LeakyReLU(\n    0.2,\n)  # slope', 'act', 'nn.LeakyReLU(\n    0.2,\n)'],
      ['self.act: nn.Module = F.silu', 'self.act', 'F.silu'],
      ['self.act = nn.GELU() if exact else nn.ReLU()', 'self.act', null],
      ['self.act = nn.GELU()(x)', 'self.act', null],
      ['self.act = 3', 'self.act', null],
      ['self.act = nn.ReLU()\nself.act = nn.Tanh()', 'self.act', null],
      ['self.act = nn.ReLU()\nself.act = nn.ReLU()', 'self.act', 'nn.ReLU()'],
    ];
    for (const [source, target, rhs] of table) {
      it(`reads ${JSON.stringify(source)} as ${target} = ${JSON.stringify(rhs)}`, () => {
        assert.equal(analyzeDocument(source, 'python').python.assignments.get(target), rhs);
      });
    }

    it('reads JS assignments with const and this', () => {
      const js = analyzeDocument('const act = tf.layers.leakyReLU({alpha: 0.2});\nthis.gate = tf.sigmoid;', 'js').js;
      assert.equal(js.assignments.get('act'), 'tf.layers.leakyReLU({alpha: 0.2})');
      assert.equal(js.assignments.get('this.gate'), 'tf.sigmoid');
    });
  });

  describe('comments and strings', () => {
    it('finds Python comments, prefixed strings and triple-quoted docstrings', () => {
      const text = 'a = F.relu(x)  # F.gelu\nb = r"F.silu"\nc = """\nF.tanh\n"""\nd = F.elu\n';
      const analysis = analyzeDocument(text, 'python');
      assert.equal(kindAt(text, analysis, 'F.relu'), 'code');
      assert.equal(kindAt(text, analysis, 'F.gelu'), 'comment');
      assert.equal(kindAt(text, analysis, 'r"F.silu"'), 'string');
      assert.equal(kindAt(text, analysis, 'F.tanh'), 'string');
      assert.equal(kindAt(text, analysis, 'F.elu'), 'code');
    });

    it('does not let a quote inside a comment open a string', () => {
      const text = "# don't\ny = F.relu(x)\n";
      assert.equal(kindAt(text, analyzeDocument(text, 'python'), 'F.relu'), 'code');
    });

    it('tells a JS regex from a division', () => {
      const text = "const r = /'/g;\nconst y = a / b / c;\nconst z = tf.relu(x);\n";
      const analysis = analyzeDocument(text, 'js');
      assert.equal(kindAt(text, analysis, "'/g"), 'string');
      assert.equal(kindAt(text, analysis, 'b / c'), 'code');
      assert.equal(kindAt(text, analysis, 'tf.relu'), 'code');
    });

    it('treats JS templates and block comments as regions', () => {
      const text = 'const s = `tf.relu ${x}`;\n/* tf.elu\n tf.selu */\ntf.tanh(x);';
      const analysis = analyzeDocument(text, 'js');
      assert.equal(kindAt(text, analysis, 'tf.relu'), 'string');
      assert.equal(kindAt(text, analysis, 'tf.selu'), 'comment');
      assert.equal(kindAt(text, analysis, 'tf.tanh'), 'code');
    });

    it("keeps YAML apostrophes in plain scalars out of strings, and reads '#' after a blank as a comment", () => {
      const text = "note: don't worry\nactivation: 'gelu'  # the tanh one? no\nurl: a#b\n";
      const analysis = analyzeDocument(text, 'yaml');
      assert.equal(kindAt(text, analysis, 't worry'), 'code');
      assert.equal(kindAt(text, analysis, "'gelu'"), 'string');
      assert.equal(kindAt(text, analysis, '# the'), 'comment');
      assert.equal(kindAt(text, analysis, 'a#b', 1), 'code');
    });
  });

  describe('markdown', () => {
    const text = [
      'Use `nn.GELU` here and ``a ` b`` there.',
      '```python',
      'import torch.nn as nn',
      '```',
      '~~~ts',
      'tf.relu(x)',
      '~~~',
      '```text',
      'nn.ReLU',
      '```',
      'prose nn.SiLU',
      '```',
      'F.relu(x)',
    ].join('\n');
    const analysis = analyzeDocument(text, 'markdown');

    it('makes inline code spans python code and leaves prose out', () => {
      const inline = segmentAt(analysis, text.indexOf('nn.GELU'));
      assert.equal(inline?.family, 'python');
      assert.equal(inline?.inline, true);
      assert.equal(segmentAt(analysis, text.indexOf('Use')), undefined);
      assert.equal(segmentAt(analysis, text.indexOf('prose')), undefined);
      assert.equal(text.slice(segmentAt(analysis, text.indexOf('a ` b'))!.start, segmentAt(analysis, text.indexOf('a ` b'))!.end), 'a ` b');
    });

    it('reads fences by their language and skips unknown ones', () => {
      assert.equal(segmentAt(analysis, text.indexOf('import torch'))?.family, 'python');
      assert.equal(segmentAt(analysis, text.indexOf('tf.relu'))?.family, 'js');
      assert.equal(segmentAt(analysis, text.indexOf('nn.ReLU')), undefined);
    });

    it('runs an unclosed fence to the end of the document', () => {
      assert.equal(segmentAt(analysis, text.indexOf('F.relu'))?.family, 'python');
    });

    it('collects imports from python fences', () => {
      assert.equal(analysis.python.bindings.get('nn'), 'torch.nn');
    });
  });
});
