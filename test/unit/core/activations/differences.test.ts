import * as assert from 'node:assert/strict';
import { activations } from '../../../../src/core/activations/index';
import type { ActivationInfo, ElementwiseKernel } from '../../../../src/core/types';
import { numericParams } from './torchFixture';

/** Points where f′ (not f) has a kink, so f″ jumps: central differences of f′ are meaningless across them. */
const SECOND_ORDER_BREAKS: Readonly<Record<string, readonly number[]>> = { softsign: [0], sparse_plus: [-1, 1] };

/** The kernel's default parameters, and a second set moved a third of the way towards each slider's upper end. */
function parameterSets(info: ActivationInfo): Record<string, number>[] {
  const moved: Record<string, number> = {};
  for (const spec of info.params) {
    if (spec.kind !== 'number' || spec.ignored || !spec.range) continue;
    const d = spec.default as number;
    moved[spec.name] = d + (spec.range[1] - d) / 3;
  }
  return Object.keys(moved).length > 0 ? [{}, moved] : [{}];
}

function optionSets(info: ActivationInfo): Record<string, string>[] {
  const spec = info.params.find((p) => p.kind === 'string' && !p.ignored);
  return spec?.choices ? spec.choices.map((c) => ({ [spec.name]: c })) : [{}];
}

function jetAt(kernel: ElementwiseKernel, x: number, p: readonly number[]): Float64Array {
  const out = new Float64Array(3);
  kernel.jet(x, p, out);
  return out;
}

describe('catalogue derivatives against central differences, away from kinks', () => {
  for (const info of activations.filter((a) => a.kind === 'elementwise')) {
    for (const options of optionSets(info)) {
      for (const params of parameterSets(info)) {
        const label = JSON.stringify({ ...options, ...params });
        it(`${info.name} ${label}: f′ and f″ agree with differences of f and f′`, () => {
          const kernel = info.kernel?.(options);
          assert.ok(kernel);
          const p = numericParams(info, params);
          const breaks = [...info.kinks(p).map((k) => k.x), ...(SECOND_ORDER_BREAKS[info.name] ?? [])];
          const [lo, hi] = info.plotRange;
          let checked = 0;
          for (let i = 0; i <= 120; i++) {
            // an irrational offset keeps the grid off the kinks, which sit at round numbers
            const x = lo + ((hi - lo) * (i + 0.5 / Math.SQRT2)) / 121;
            const h = 1e-5 * Math.max(1, Math.abs(x));
            if (breaks.some((b) => Math.abs(x - b) < 1e-3 * Math.max(1, Math.abs(b)))) continue;
            const j = jetAt(kernel, x, p);
            const slope = (kernel.value(x + h, p) - kernel.value(x - h, p)) / (2 * h);
            const curvature = (jetAt(kernel, x + h, p)[1] - jetAt(kernel, x - h, p)[1]) / (2 * h);
            assert.ok(Math.abs(slope - j[1]) <= 1e-7 * (1 + Math.abs(j[1])), `${info.name}′(${x}) = ${j[1]}, difference ${slope}`);
            assert.ok(Math.abs(curvature - j[2]) <= 1e-6 * (1 + Math.abs(j[2])), `${info.name}″(${x}) = ${j[2]}, difference ${curvature}`);
            checked++;
          }
          assert.ok(checked > 100, `only ${checked} points away from kinks`);
        });
      }
    }
  }
});
