import * as assert from 'node:assert/strict';
import {
  erf, erfc, expNegHalfSquare, logSigmoid, normalCdf, normalPdf, sech2, sigmoid, sigmoidDerivative, softplus, tanhShrink,
} from '../../../../src/core/numeric/special';
import { decode, isClose, loadTorchFixtures, relativeError } from '../activations/torchFixture';

describe('erf and erfc (msun s_erf.c) against 50-digit mpmath', () => {
  const special = loadTorchFixtures().special;
  const xs = special.x.map((v) => decode(v) as number);

  it('covers [−30, 30] densely, the interval seams and tiny arguments', () => {
    assert.ok(xs.length > 1500);
    for (const seam of [0.84375, 1.25, 6, 28]) assert.ok(xs.includes(seam) && xs.includes(-seam));
    assert.ok(xs.includes(1e-300));
  });

  for (const [name, fn] of [['erf', erf], ['erfc', erfc]] as const) {
    it(`${name} is within 1e-15 relative everywhere (1e-300 absolute in the subnormal tail)`, () => {
      let worst = 0;
      xs.forEach((x, i) => {
        const expected = decode(special[name][i]) as number;
        const actual = fn(x);
        assert.ok(isClose(actual, expected, 1e-15, 1e-300), `${name}(${x}) = ${actual}, mpmath ${expected}`);
        if (Math.abs(expected) > 1e-300) worst = Math.max(worst, relativeError(actual, expected));
      });
      console.log(`      worst relative error of ${name}: ${worst.toExponential(2)}`);
    });
  }

  it('is odd (erf) and reflects (erfc(−x) = 2 − erfc(x))', () => {
    for (const x of [1e-9, 0.3, 0.84375, 1, 2.5, 5.9, 30]) {
      assert.equal(erf(-x), -erf(x));
      assert.ok(Math.abs(erfc(-x) - (2 - erfc(x))) <= 4e-16, `${x}`);
    }
  });

  it('handles the special values', () => {
    assert.deepEqual([erf(0), erf(Infinity), erf(-Infinity), erfc(0), erfc(Infinity), erfc(-Infinity)], [0, 1, -1, 1, 0, 2]);
    assert.ok(Object.is(erf(-0), -0));
    assert.ok(Number.isNaN(erf(NaN)) && Number.isNaN(erfc(NaN)));
  });
});

describe('stable building blocks', () => {
  it('computes σ without overflow or NaN in either tail', () => {
    assert.equal(sigmoid(0), 0.5);
    assert.equal(sigmoid(800), 1);
    assert.ok(sigmoid(-745) > 0 && sigmoid(-746) === 0);
    assert.equal(sigmoid(-40), Math.exp(-40) / (1 + Math.exp(-40)));
    assert.ok(Number.isNaN(sigmoid(NaN)));
  });

  it('computes σ′ = σ(x)σ(−x) with full relative precision where σ(1−σ) gives 0', () => {
    assert.equal(sigmoidDerivative(0), 0.25);
    assert.ok(relativeError(sigmoidDerivative(40), Math.exp(-40) / (1 + Math.exp(-40)) ** 2) < 1e-15);
    assert.equal(sigmoidDerivative(40), sigmoidDerivative(-40));
    assert.equal(sigmoid(40) * (1 - sigmoid(40)), 0); // what the naive form gives
  });

  it('computes softplus and log σ for |x| up to 800 without losing eˣ', () => {
    assert.equal(softplus(800), 800);
    assert.equal(softplus(-800), 0);
    assert.ok(relativeError(softplus(-40), Math.exp(-40)) < 1e-15);
    assert.ok(relativeError(softplus(0), Math.LN2) < 1e-16);
    assert.equal(logSigmoid(-800), -800);
    assert.ok(relativeError(logSigmoid(40), -Math.exp(-40)) < 1e-15);
  });

  it('computes sech² without cancelling, and e^{−x²/2} with an exact split of x²', () => {
    assert.equal(sech2(0), 1);
    assert.ok(relativeError(sech2(20), 4 * Math.exp(-40) / (1 + Math.exp(-40)) ** 2) < 1e-14);
    assert.equal(expNegHalfSquare(0), 1);
    assert.equal(expNegHalfSquare(1e200), 0);
    // e^{−37²/2} = e^{−684.5}: the plain form rounds x² first; 684.5 is exact either way
    assert.ok(relativeError(expNegHalfSquare(37), Math.exp(-684.5)) < 1e-15);
    assert.ok(relativeError(normalPdf(1), Math.exp(-0.5) / Math.sqrt(2 * Math.PI)) < 1e-15);
    assert.equal(normalCdf(0), 0.5);
  });

  it('uses the tanhshrink series below 0.1 and agrees with x − tanh x where that is accurate', () => {
    assert.equal(tanhShrink(0), 0);
    assert.ok(relativeError(tanhShrink(1e-8), 1e-24 / 3) < 1e-15);
    // at the switch point both forms agree to the accuracy of the direct one (≈ 3ε/x² = 3e-14)
    assert.ok(relativeError(tanhShrink(0.0999999), 0.0999999 - Math.tanh(0.0999999)) < 1e-13);
    assert.ok(relativeError(tanhShrink(0.5), 0.5 - Math.tanh(0.5)) === 0);
    assert.equal(tanhShrink(-0.003), -tanhShrink(0.003));
  });
});
