import * as assert from 'node:assert/strict';
import { compile } from '../../../src/core/index';
import type { ParameterInfo } from '../../../src/core/index';
import { comparePlan } from '../../../src/shared/compare';
import { modelCsv, toCsv } from '../../../src/shared/csv';
import { codeSnippet, modelCode } from '../../../src/shared/code';
import { explainVector } from '../../../src/shared/explain';
import { compileSeries, evaluateSeries, neededOrder, newModel, slidersFor, validatePlotModel } from '../../../src/shared/plotModel';
import type { PlotModel } from '../../../src/shared/plotModel';

const defaults = { range: [-5, 5] as const, points: 1000, showFirstDerivative: true, showSecondDerivative: false, saturationThreshold: 0.01, framework: 'torch' as const };

function parameter(overrides: Partial<ParameterInfo>): ParameterInfo {
  return { name: 'negative_slope', value: 0.01, default: 0.01, min: 0, max: 1, step: 0.01, owner: 'leaky_relu', description: 'slope', ...overrides };
}

describe('shared/plotModel', () => {
  describe('slidersFor (parameter table → sliders)', () => {
    it('makes one slider per numeric parameter with value, default and where the default sits', () => {
      const [slider] = slidersFor([parameter({ value: 0.2 })], undefined, 1);
      assert.deepEqual(slider, {
        series: 1, name: 'negative_slope', owner: 'leaky_relu', description: 'slope', value: 0.2, default: 0.01,
        min: 0, max: 1, step: 0.01, defaultAt: 0.01, decimals: 2,
      });
    });

    it('takes the current value from the model over the compiled one', () => {
      assert.equal(slidersFor([parameter({})], { negative_slope: 0.5 })[0]?.value, 0.5);
      assert.equal(slidersFor([parameter({})], { other: 0.5 })[0]?.value, 0.01);
    });

    it('widens the range so the value and the default always lie on the track', () => {
      const [s] = slidersFor([parameter({ value: 3, default: -1, min: 0, max: 1 })], undefined);
      assert.ok(s && s.min <= -1 && s.max >= 3);
      assert.ok(s && s.defaultAt >= 0 && s.defaultAt <= 1);
    });

    it('repairs a missing or oversized step and picks decimals from it', () => {
      const [a] = slidersFor([parameter({ step: 0, min: 0, max: 2 })], undefined);
      assert.equal(a?.step, 0.02);
      assert.equal(a?.decimals, 2);
      const [b] = slidersFor([parameter({ step: 0.005 })], undefined);
      assert.equal(b?.decimals, 3);
      const [c] = slidersFor([parameter({ step: 1, min: 0, max: 10, value: 2, default: 2 })], undefined);
      assert.equal(c?.decimals, 0);
    });

    it('turns the core parameter tables into sliders: leaky_relu per framework, softplus, a free T', () => {
      const torch = slidersFor(compile('F.leaky_relu(x, negative_slope=0.2)').parameters, undefined);
      assert.deepEqual(torch.map((s) => [s.name, s.value, s.default]), [['negative_slope', 0.2, 0.01]]);
      const tf = slidersFor(compile('tf.nn.leaky_relu(x)').parameters, undefined);
      assert.deepEqual(tf.map((s) => [s.name, s.value, s.default]), [['negative_slope', 0.2, 0.2]]);
      const softplus = slidersFor(compile('softplus(x, beta=2)').parameters, undefined);
      assert.deepEqual(softplus.map((s) => s.name).sort(), ['beta', 'threshold']);
      const free = compileSeries({ expr: 'softmax([1, 2, 3] / T)' }, 'torch');
      assert.ok(free.ok);
      assert.deepEqual(slidersFor(free.compiled.parameters, undefined).map((s) => [s.name, s.value]), [['T', 1]]);
    });
  });

  describe('compileSeries', () => {
    it('declares an unknown bare name as a free parameter (slider) and remembers it', () => {
      const c = compileSeries({ expr: 'a*x + b', params: { b: 2 } }, 'torch');
      assert.ok(c.ok);
      assert.deepEqual(c.freeNames, ['a', 'b']);
      assert.deepEqual(c.compiled.parameters.map((p) => [p.name, p.value]), [['a', 1], ['b', 2]]);
    });

    const problems: [string, RegExp, number, number][] = [
      ['gleu(x)', /unknown function 'gleu' \(did you mean 'gelu'\?\)/, 0, 4],
      ['relu(x', /expected '\)'/, 6, 6],
      ['x*sigmoud', /unknown name 'sigmoud'/, 2, 9],
      ['constructor(x)', /unknown function/, 0, 11],
      ['F.leaky_relu(x, slope=0.2)', /unexpected keyword 'slope'/, -1, -1],
    ];
    for (const [expr, message, start, end] of problems) {
      it(`reports '${expr}' with the core's message and span`, () => {
        const c = compileSeries({ expr }, 'torch');
        assert.equal(c.ok, false);
        if (c.ok) return;
        assert.match(c.problem.message, message);
        if (start >= 0) assert.deepEqual(c.problem.span, { start, end });
        assert.equal(c.problem.source, expr);
      });
    }

    it('uses the series framework over the model framework for bare names', () => {
      const tf = compileSeries({ expr: 'leaky_relu(x)', framework: 'tf' }, 'torch');
      const torch = compileSeries({ expr: 'leaky_relu(x)' }, 'torch');
      assert.ok(tf.ok && torch.ok);
      assert.equal(tf.compiled.parameters[0]?.value, 0.2);
      assert.equal(torch.compiled.parameters[0]?.value, 0.01);
    });

    it('labels a series by its label, else its expression on one line', () => {
      assert.equal(compileSeries({ expr: 'relu(\n  x)' }, 'torch').label, 'relu( x)');
      assert.equal(compileSeries({ expr: 'relu(x)', label: 'ReLU' }, 'torch').label, 'ReLU');
    });
  });

  describe('evaluateSeries', () => {
    it('samples the view with the slider values and places kinks on the curve', () => {
      const c = compile('leaky_relu(x)');
      const s = evaluateSeries(c, 'l', [-1, 1], 5, 1, { negative_slope: 0.5 }, true);
      assert.deepEqual(Array.from(s.samples.y), [-0.5, -0.25, 0, 0.5, 1]);
      assert.deepEqual(s.kinks?.map((k) => [k.x, k.y, k.dy]), [[0, 0, 0.5]]);
    });

    it('asks for f′ when shading needs it even if f′ is hidden, and f″ only when shown', () => {
      const m = newModel([{ expr: 'x' }], defaults);
      assert.equal(neededOrder({ ...m, show: { f: true, d1: false, d2: false } }), 1);
      assert.equal(neededOrder({ ...m, show: { f: true, d1: false, d2: false }, layers: { ...m.layers, saturation: false } }), 0);
      assert.equal(neededOrder({ ...m, show: { f: true, d1: false, d2: true } }), 2);
    });
  });

  describe('validatePlotModel and newModel', () => {
    it('accepts what newModel builds from the settings', () => {
      const m = newModel([{ expr: 'gelu(x)' }], defaults, { range: [-3, 3], title: 'GELU' });
      assert.deepEqual(m.view, [-3, 3]);
      assert.equal(m.title, 'GELU');
      const checked = validatePlotModel(JSON.parse(JSON.stringify(m)));
      assert.ok(checked.ok);
    });

    it('turns off shading when the threshold setting is 0', () => {
      assert.equal(newModel([{ expr: 'x' }], { ...defaults, saturationThreshold: 0 }).layers.saturation, false);
    });
  });

  describe('csv', () => {
    it('writes x, f, f′, f″ with empty cells for NaN', () => {
      const csv = toCsv([{ label: 'l', samples: { x: [0, 1], y: [NaN, 1], dy: [1, 1], d2y: [0, 0] } }]);
      assert.equal(csv, 'x,f,df,d2f\n0,,1,0\n1,1,1,0\n');
    });

    it('names columns per expression when several are plotted, quoting commas, never starting a cell with = or -', () => {
      const csv = toCsv([
        { label: 'leaky_relu(x, 0.2)', samples: { x: [0], y: [0] } },
        { label: '=HYPERLINK("x")', samples: { x: [0], y: [0] } },
      ]);
      const header = csv.split('\n')[0] as string;
      assert.equal(header, 'x,"f leaky_relu(x, 0.2)","f =HYPERLINK(""x"")"');
    });

    it('exports a model over its visible range with the slider values, full precision', () => {
      const m: PlotModel = { ...newModel([{ expr: 'leaky_relu(x)', params: { negative_slope: 0.25 } }], defaults), view: [-2, 2], points: 11 };
      const { csv, skipped } = modelCsv(m);
      const rows = csv.trim().split('\n');
      assert.equal(rows[0], 'x,f,df,d2f');
      assert.equal(rows.length, 12);
      assert.equal(rows[1], '-2,-0.5,0.25,0');
      assert.deepEqual(skipped, []);
    });

    it('exports an expression without x as index/value/input rows, and names what it left out', () => {
      assert.equal(modelCsv(newModel([{ expr: 'softmax([0, 0])' }], defaults)).csv, 'i,value,input\n0,0.5,0\n1,0.5,0\n');
      const { skipped } = modelCsv(newModel([{ expr: 'relu(x)' }, { expr: 'gleu(x)' }], defaults));
      assert.match(skipped[0] as string, /gleu/);
    });
  });

  describe('copy as code', () => {
    it('writes the PyTorch, Keras and JAX spelling with the current, non-default parameters', () => {
      const c = compile('F.leaky_relu(x, negative_slope=0.2)');
      assert.match(codeSnippet(c, undefined, 'torch'), /\ny = F\.leaky_relu\(x, negative_slope=0\.2\)$/);
      assert.match(codeSnippet(c, { negative_slope: 0.3 }, 'torch'), /F\.leaky_relu\(x, negative_slope=0\.3\)/);
      // 0.2 is Keras's default, so nothing needs writing; 0.3 does.
      assert.match(codeSnippet(c, undefined, 'keras'), /keras\.activations\.leaky_relu\(x\)/);
      assert.match(codeSnippet(c, { negative_slope: 0.3 }, 'keras'), /keras\.activations\.leaky_relu\(x, negative_slope=0\.3\)/);
      assert.match(codeSnippet(c, undefined, 'jax'), /^import jax$/m);
      assert.match(codeSnippet(c, undefined, 'jax'), /jax\.nn\.leaky_relu\(x, negative_slope=0\.2\)/);
    });

    it('writes GELU’s approximate as PyTorch’s string and as a boolean for Keras and JAX', () => {
      const c = compile("gelu(x, approximate='tanh')");
      assert.match(codeSnippet(c, undefined, 'torch'), /F\.gelu\(x, approximate='tanh'\)/);
      assert.match(codeSnippet(c, undefined, 'keras'), /gelu\(x, approximate=True\)/);
      assert.match(codeSnippet(c, undefined, 'jax'), /jax\.nn\.gelu\(x\)$/m);
    });

    it('writes the code of every expression of a plot that compiles, with its slider values', () => {
      const m = newModel([{ expr: 'leaky_relu(x)', params: { negative_slope: 0.3 } }, { expr: 'gleu(x)' }, { expr: 'silu(x)' }], defaults);
      const code = modelCode(m, 'torch') ?? '';
      assert.match(code, /F\.leaky_relu\(x, negative_slope=0\.3\)/);
      assert.match(code, /F\.silu\(x\)/);
      assert.ok(!code.includes('gleu'));
      assert.equal(modelCode(newModel([{ expr: 'gleu(x)' }], defaults), 'torch'), undefined);
    });

    it('says when an expression has no built-in, and names a function a framework lacks', () => {
      assert.match(codeSnippet(compile('x*x'), undefined, 'torch'), /no built-in activation/);
      assert.match(codeSnippet(compile('squareplus(x)'), undefined, 'torch'), /not in PyTorch/);
    });
  });

  describe('compare framework defaults', () => {
    it('overlays LeakyReLU as 0.01, 0.2 and 0.3 with each framework named', () => {
      const plan = comparePlan('leaky_relu');
      assert.ok(plan);
      const slopes = new Set(plan.series.map((s) => compileSeries(s, 'torch')).map((c) => (c.ok ? c.compiled.parameters[0]?.value : NaN)));
      for (const slope of [0.01, 0.2, 0.3]) assert.ok(slopes.has(slope), `slope ${slope} is compared`);
      const labels = plan.series.map((s) => s.label ?? '').join(' | ');
      for (const name of ['PyTorch', 'TensorFlow', 'Keras 3', 'JAX']) assert.ok(labels.includes(name), `${name} in ${labels}`);
    });

    it('overlays GELU exact and tanh forms', () => {
      const plan = comparePlan('gelu');
      const forms = new Set(plan?.series.map((s) => compileSeries(s, 'torch')).map((c) => (c.ok ? String(c.compiled.calls[0]?.params.approximate) : '')));
      assert.ok(forms.has('none') && forms.has('tanh'), [...forms].join());
    });

    it('accepts any spelling and refuses unknown names', () => {
      assert.equal(comparePlan('torch.nn.GELU')?.activation.name, 'gelu');
      assert.equal(comparePlan('gleu'), undefined);
    });
  });

  describe('explanations', () => {
    it('explains softmax vs softmax cross-entropy as plain text', () => {
      const ce = explainVector(compile('cross_entropy([2, 1, -1], 0)').vector());
      assert.ok(ce.join(' ').includes('softmax(z) − onehot(target)'));
      const sm = explainVector(compile('softmax([2, 1, -1])').vector());
      assert.ok(sm.join(' ').includes('diag(s) − s·sᵀ'));
      assert.ok(!/<[a-z/!]/i.test([...ce, ...sm].join('')), 'no markup');
    });
  });
});
