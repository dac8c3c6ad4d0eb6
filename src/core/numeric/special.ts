/**
 * Special functions and numerically stable building blocks in float64.
 *
 * erf and erfc follow the rational approximations of FreeBSD msun `lib/msun/src/s_erf.c` (Sun Microsystems, 1993):
 * the same intervals and coefficients, ≤ 1 ulp for erf and a few ulp for erfc down to its subnormal tail.
 * JavaScript has no Math.erf, and the common Abramowitz–Stegun 7.1.26 formula is only good to 1.5e-7.
 */

/** √(1/2) */
export const SQRT1_2 = Math.SQRT1_2;
/** 1/√(2π), the standard normal density at 0. */
export const INV_SQRT_2PI = 0.3989422804014327;
/** 2/√π */
export const TWO_OVER_SQRT_PI = 1.1283791670955126;

// s_erf.c coefficients, interval by interval.
const ERX = 8.45062911510467529297e-1; // erf(1) rounded to 24 bits
const EFX = 1.28379167095512586316e-1;
const EFX8 = 1.02703333676410069053e0;
// erf(x) = x + x·P(x²)/Q(x²) on [0, 0.84375]
const PP0 = 1.28379167095512558561e-1;
const PP1 = -3.25042107247001499370e-1;
const PP2 = -2.84817495755985104766e-2;
const PP3 = -5.77027029648944159157e-3;
const PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1;
const QQ2 = 6.50222499887672944485e-2;
const QQ3 = 5.08130628187576562776e-3;
const QQ4 = 1.32494738004321644526e-4;
const QQ5 = -3.96022827877536812320e-6;
// erf(1 + s) − ERX on [0.84375, 1.25]
const PA0 = -2.36211856075265944077e-3;
const PA1 = 4.14856118683748331666e-1;
const PA2 = -3.72207876035701323847e-1;
const PA3 = 3.18346619901161753674e-1;
const PA4 = -1.10894694282396677476e-1;
const PA5 = 3.54783043256182359371e-2;
const PA6 = -2.16637559486879084300e-3;
const QA1 = 1.06420880400844228286e-1;
const QA2 = 5.40397917702171048937e-1;
const QA3 = 7.18286544141962662868e-2;
const QA4 = 1.26171219808761642112e-1;
const QA5 = 1.36370839120290507362e-2;
const QA6 = 1.19844998467991074170e-2;
// log(x·erfc(x)) + x² + 0.5625 as R(1/x²)/S(1/x²) on [1.25, 1/0.35]
const RA0 = -9.86494403484714822705e-3;
const RA1 = -6.93858572707181764372e-1;
const RA2 = -1.05586262253232909814e1;
const RA3 = -6.23753324503260060396e1;
const RA4 = -1.62396669462573470355e2;
const RA5 = -1.84605092906711035994e2;
const RA6 = -8.12874355063065934246e1;
const RA7 = -9.81432934416914548592e0;
const SA1 = 1.96512716674392571292e1;
const SA2 = 1.37657754143519042600e2;
const SA3 = 4.34565877475229228821e2;
const SA4 = 6.45387271733267880336e2;
const SA5 = 4.29008140027567833386e2;
const SA6 = 1.08635005541779435134e2;
const SA7 = 6.57024977031928170135e0;
const SA8 = -6.04244152148580987438e-2;
// … and on [1/0.35, 28]
const RB0 = -9.86494292470009928597e-3;
const RB1 = -7.99283237680523006574e-1;
const RB2 = -1.77579549177547519889e1;
const RB3 = -1.60636384855821916062e2;
const RB4 = -6.37566443368389627722e2;
const RB5 = -1.02509513161107724954e3;
const RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1;
const SB2 = 3.25792512996573918826e2;
const SB3 = 1.53672958608443695994e3;
const SB4 = 3.19985821950859553908e3;
const SB5 = 2.55305040643316442583e3;
const SB6 = 4.74528541206955367215e2;
const SB7 = -2.24409524465858183362e1;

/** Splits with 2^32 + 1 (Veltkamp) to keep 21 significant bits, like s_erf.c clearing the low word. */
const SPLIT_21 = 4294967297;

/** x·P/Q on [0, 0.84375]: erf(x) = x + x·ratioSmall(x). */
function ratioSmall(x: number): number {
  const z = x * x;
  const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
  const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
  return r / s;
}

/** erf(1 + s) − ERX for s = |x| − 1 on [0.84375, 1.25]. */
function aroundOne(s: number): number {
  const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
  const q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
  return p / q;
}

/** erfc(a) for 1.25 ≤ a < 28 (a > 0): exp(−a² − 0.5625 + R/S) / a, with a² split so exp sees it exactly. */
function erfcTail(a: number): number {
  const s = 1 / (a * a);
  let r: number;
  let q: number;
  if (a < 1 / 0.35) {
    r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  const c = SPLIT_21 * a;
  const hi = c - (c - a); // 21 bits, so hi·hi and hi·hi + 0.5625 are exact
  return (Math.exp(-hi * hi - 0.5625) * Math.exp((hi - a) * (hi + a) + r / q)) / a;
}

/** The error function erf(x) = 2/√π ∫₀ˣ e^{−t²} dt (msun s_erf.c). */
export function erf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 3.725290298461914e-9) {
      // 2^-28: erf(x) = x·2/√π to within an ulp; the ×8 keeps subnormal x exact
      return a < 2.2250738585072014e-308 ? 0.125 * (8 * x + EFX8 * x) : x + EFX * x;
    }
    return x + x * ratioSmall(x);
  }
  if (a < 1.25) {
    const v = ERX + aroundOne(a - 1);
    return x < 0 ? -v : v;
  }
  if (a >= 6) return x < 0 ? -1 : 1;
  const v = 1 - erfcTail(a);
  return x < 0 ? -v : v;
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate where erf(x) is close to ±1 (msun s_erf.c). */
export function erfc(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 1.3877787807814457e-17) return 1 - x; // 2^-56
    const y = ratioSmall(x);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (a < 1.25) {
    const p = aroundOne(a - 1);
    return x >= 0 ? 1 - ERX - p : 1 + (ERX + p);
  }
  if (a < 28) {
    if (x <= -6) return 2;
    const r = erfcTail(a);
    return x > 0 ? r : 2 - r;
  }
  return x > 0 ? 0 : 2;
}

/**
 * e^{−x²/2} with x² split into an exact head and a small tail, so the result keeps full relative precision for large
 * |x| (the plain form loses about x²·2^-53 relative).
 */
export function expNegHalfSquare(x: number): number {
  if (!(Math.abs(x) < 1e150)) return x !== x ? x : 0;
  const c = SPLIT_21 * x;
  const hi = c - (c - x);
  const lo = x - hi;
  return Math.exp(-0.5 * hi * hi) * Math.exp(-0.5 * lo * (x + hi));
}

/** Standard normal density φ(x) = e^{−x²/2}/√(2π). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * expNegHalfSquare(x);
}

/** Standard normal distribution Φ(x) = ½·erfc(−x/√2), accurate in both tails. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/** Logistic sigmoid σ(x) = 1/(1+e^{−x}), branching on the sign so neither branch overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ′(x) = σ(x)·σ(−x), which keeps full relative precision in both tails (unlike σ(1−σ)). */
export function sigmoidDerivative(x: number): number {
  const a = Math.abs(x);
  const e = Math.exp(-a);
  const d = 1 + e;
  return e / (d * d);
}

/** softplus(x) = log(1+eˣ), stable: max(x,0) + log1p(e^{−|x|}). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** log σ(x) = −softplus(−x), stable: min(x,0) − log1p(e^{−|x|}). */
export function logSigmoid(x: number): number {
  return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
}

/** sech²(x) = 1 − tanh²(x) without the cancellation for large |x|. */
export function sech2(x: number): number {
  const s = 1 / Math.cosh(x);
  return s * s;
}

/**
 * x − tanh(x), by its Taylor series below 0.1 where the difference cancels (the direct form's relative error is about
 * 3ε/x², 3e-12 at 0.01); the series' truncation error there is below 1e-19.
 */
export function tanhShrink(x: number): number {
  if (Math.abs(x) < 0.1) {
    const z = x * x;
    // x³/3 − 2x⁵/15 + 17x⁷/315 − 62x⁹/2835 + 1382x¹¹/155925 − 21844x¹³/6081075 + 929569x¹⁵/638512875 − 6404582x¹⁷/10854718875
    const series =
      1 / 3 +
      z * (-2 / 15 + z * (17 / 315 + z * (-62 / 2835 + z * (1382 / 155925 + z * (-21844 / 6081075 + z * (929569 / 638512875 - z * (6404582 / 10854718875)))))));
    return x * z * series;
  }
  return x - Math.tanh(x);
}
