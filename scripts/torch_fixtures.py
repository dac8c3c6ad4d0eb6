#!/usr/bin/python3
"""Generate the reference fixtures of the math core: test/fixtures/torch.json.

    npm run fixtures        # = /usr/bin/python3 scripts/torch_fixtures.py test/fixtures/torch.json

Needs PyTorch (Debian python3-torch) and mpmath. Deterministic: fixed grids and inputs, no random numbers, so a rerun
with the same PyTorch gives the same file.

What it records, all in float64:

* "elementwise": every element-wise catalogue function (PyTorch's own, or a PyTorch composite for those PyTorch lacks:
  squareplus, sparse_plus, sparse_sigmoid, Keras 2 hard sigmoid, Swish with beta), with default and non-default
  parameters. Points: a 0.25 grid on [-10, 10], a 2.5 grid on [-50, 50], large |x| (±20, ±37, ±100, ±709, ±710, ±745,
  ±800 …), tiny |x| (1e-3 … 1e-300), and every kink with its neighbouring doubles (math.nextafter) and ±1e-9.
  f comes from the forward pass, f′ from torch.autograd.grad, f″ from double backward (create_graph=True). Every point
  is evaluated as a single-element tensor, i.e. by PyTorch's scalar CPU kernel (functions.md §2: hardswish′(3) is 1.5
  there and 1 in the vectorised kernel). A derivative PyTorch cannot compute is null, with the message in "errors";
  when the first derivative does not depend on x at all (piecewise-linear functions) f″ is 0.
  "ref" holds mpmath values (700 digits, rounded to float64) of f, f′, f″ for the smooth families where PyTorch
  itself loses precision (GELU tails, ELU/SELU/CELU near 0, tanhshrink near 0, σ′ and tanh′ for large |x| …), so tests
  can tell PyTorch's rounding from ours.
* "vector": softmax, log_softmax, softmin, softmax2d, logsumexp, glu and crelu values and full Jacobians
  (torch.autograd.functional.jacobian) of 1-D inputs, including extreme and non-finite ones (value only); glu also has
  an mpmath "ref_jacobian" (PyTorch's σ(1 − σ) cancels for large gates).
* "loss": F.cross_entropy (logits, class index, label_smoothing) value and gradient; F.binary_cross_entropy_with_logits
  (x, target, pos_weight) value, d/dx and d²/dx², with an mpmath "ref" [value, d/dx, d²/dx²] (PyTorch 1.13 forms
  log(e^{−m} + e^{−x−m}) without log1p, so it loses precision where the loss is tiny).
* "special": erf and erfc from mpmath (50 digits) on a dense grid over [-30, 30], for numeric/special.ts.

Encoding: finite floats are written with repr (exact round trip, -0.0 kept); NaN and ±inf as the strings "NaN",
"Infinity", "-Infinity"; null means "not available".
"""

import json
import math
import platform
import sys

import mpmath
import torch
import torch.nn.functional as F

mp = mpmath.mp
mp.dps = 50
# references cancel near 0 (x − tanh x at x = 1e-300), so they are evaluated with room to spare
REF_DPS = 700
torch.set_default_dtype(torch.float64)

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def enc(v):
    """A float for JSON: repr-exact if finite, a string otherwise, None stays None."""
    if v is None:
        return None
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


def enc_list(values):
    return [enc(v) for v in values]


# ---------------------------------------------------------------------------------------------------------------------
# Points

def base_points():
    pts = set()
    for i in range(-40, 41):
        pts.add(i * 0.25)
    for i in range(-20, 21):
        pts.add(i * 2.5)
    for a in (0.1, 0.5, 1.5, 7.15, 8.37, 18.715, 20, 25, 30, 36.74, 37, 100, 709, 709.78, 710, 745, 746, 800):
        pts.add(a)
        pts.add(-a)
    for e in (3, 4, 5, 8, 10, 12, 16, 20, 50, 100, 200, 300):
        pts.add(10.0 ** -e)
        pts.add(-(10.0 ** -e))
    for a in (1.7e-8, 7.45e-9, 5.5e-17, 0.009, 0.011, 0.05, 0.0999, 0.1001):
        pts.add(a)
        pts.add(-a)
    pts.add(0.0)
    return pts


def around(k):
    """A kink, its neighbouring doubles, and points 1e-9 away."""
    return {k, math.nextafter(k, -math.inf), math.nextafter(k, math.inf), k - 1e-9, k + 1e-9}


# ---------------------------------------------------------------------------------------------------------------------
# Evaluation with autograd, one element at a time (PyTorch's scalar kernel)

def jet(fn, x):
    t = torch.tensor([x], dtype=torch.float64, requires_grad=True)
    y = fn(t)
    f = y.item()
    errors = {}
    try:
        (g,) = torch.autograd.grad(y.sum(), t, create_graph=True)
        d1 = g.item()
    except RuntimeError as e:
        return f, None, None, {'d1': str(e).splitlines()[0]}
    if not g.requires_grad:
        return f, d1, 0.0, errors  # f′ does not depend on x
    try:
        (h,) = torch.autograd.grad(g.sum(), t, allow_unused=True)
        d2 = 0.0 if h is None else h.item()
    except RuntimeError as e:
        d2 = None
        errors['d2'] = str(e).splitlines()[0]
    return f, d1, d2, errors


# ---------------------------------------------------------------------------------------------------------------------
# mpmath references (f, f′, f″), written with the same piecewise tests as PyTorch so kinks follow its convention

def mp_sigmoid(z):
    return 1 / (1 + mp.exp(-z))


def mp_sigmoid1(z):
    e = mp.exp(-abs(z))
    return e / (1 + e) ** 2


def ref_gelu(x):
    phi = mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)
    cdf = mp.erfc(-x / mp.sqrt(2)) / 2
    return x * cdf, cdf + x * phi, phi * (2 - x * x)


def ref_gelu_tanh(x):
    k = mp.sqrt(2 / mp.pi)
    kappa = mp.mpf(0.044715)
    u = k * (x + kappa * x ** 3)
    du = k * (1 + 3 * kappa * x * x)
    d2u = 6 * k * kappa * x
    one_plus_t = 2 * mp_sigmoid(2 * u)  # 1 + tanh u without cancellation
    sech2 = 4 * mp_sigmoid1(2 * u)  # 1 − tanh² u
    t = one_plus_t - 1
    f = x * one_plus_t / 2
    f1 = one_plus_t / 2 + x / 2 * sech2 * du
    f2 = sech2 * du + x / 2 * (-2 * t * sech2 * du * du + sech2 * d2u)
    return f, f1, f2


def ref_elu(alpha, scale=1.0, input_scale=1.0):
    alpha, scale, input_scale = mp.mpf(alpha), mp.mpf(scale), mp.mpf(input_scale)
    negcoef = alpha * scale

    def r(x):
        if x > 0:
            return scale * x, scale, mp.mpf(0)
        e = mp.exp(x * input_scale)
        return negcoef * mp.expm1(x * input_scale), negcoef * input_scale * e, (negcoef * input_scale ** 2 * e if x < 0 else mp.mpf(0))
    return r


def ref_tanhshrink(x):
    t = mp.tanh(x)
    return x - t, t * t, 2 * t * mp.sech(x) ** 2


def ref_sigmoid(x):
    s1 = mp_sigmoid1(x)
    return mp_sigmoid(x), s1, s1 * (1 - 2 * mp_sigmoid(x))


def ref_tanh(x):
    t = mp.tanh(x)
    q = mp.sech(x) ** 2
    return t, q, -2 * t * q


def ref_logsigmoid(x):
    return -mp.log1p(mp.exp(-x)), mp_sigmoid(-x), -mp_sigmoid1(x)


def ref_silu(beta):
    beta = mp.mpf(beta)

    def r(x):
        z = beta * x
        s, s1 = mp_sigmoid(z), mp_sigmoid1(z)
        return x * s, s + z * s1, 2 * beta * s1 + beta * beta * x * s1 * (1 - 2 * s)
    return r


def ref_mish(x):
    sp = mp.log1p(mp.exp(x))
    t = mp.tanh(sp)
    q = mp.sech(sp) ** 2
    s = mp_sigmoid(x)
    return x * t, t + x * s * q, q * (2 * s + x * s * (1 - s) - 2 * x * t * s * s)


def ref_softplus(beta, threshold):
    def r(x):
        zf = beta * float(x)  # PyTorch compares the rounded product βx with the threshold
        z = beta * x
        if zf > threshold:
            return x, mp.mpf(1), mp.mpf(0)
        return mp.log1p(mp.exp(z)) / beta, mp_sigmoid(z), (beta * mp_sigmoid1(z) if zf < threshold else mp.mpf(0))
    return r


# ---------------------------------------------------------------------------------------------------------------------
# The element-wise configurations

def composite(text):
    return {'composite': True, 'torch': text}


def squareplus_torch(b):
    def fn(x):
        r = torch.sqrt(x * x + b)
        return torch.where(x < 0, 0.5 * b / (r - x), 0.5 * (x + r))  # stable for x < 0
    return fn


def ref_squareplus(b):
    b = mp.mpf(b)

    def r(x):
        root = mp.sqrt(x * x + b)
        return (x + root) / 2, (1 + x / root) / 2, b / (2 * root ** 3)
    return r


def sparse_plus_torch(x):
    return torch.where(x <= -1, torch.zeros_like(x), torch.where(x >= 1, x, 0.25 * (x + 1) * (x + 1)))


ELEMENTWISE = [
    # name, label, params, options, torch callable, torch text, kinks, ref
    ('relu', 'default', {}, {}, F.relu, 'F.relu(x)', [0.0], None),
    ('relu6', 'default', {}, {}, F.relu6, 'F.relu6(x)', [0.0, 6.0], None),
    ('leaky_relu', 'default', {'negative_slope': 0.01}, {}, F.leaky_relu, 'F.leaky_relu(x)', [0.0], None),
    ('leaky_relu', 'negative_slope=0.2', {'negative_slope': 0.2}, {}, lambda x: F.leaky_relu(x, 0.2), 'F.leaky_relu(x, 0.2)', [0.0], None),
    ('leaky_relu', 'negative_slope=2', {'negative_slope': 2.0}, {}, lambda x: F.leaky_relu(x, 2.0), 'F.leaky_relu(x, 2.0)', [0.0], None),
    ('prelu', 'default', {'weight': 0.25}, {}, lambda x: F.prelu(x, torch.tensor([0.25])), 'F.prelu(x, torch.tensor([0.25]))', [0.0], None),
    ('prelu', 'weight=-0.5', {'weight': -0.5}, {}, lambda x: F.prelu(x, torch.tensor([-0.5])), 'F.prelu(x, torch.tensor([-0.5]))', [0.0], None),
    ('rrelu', 'default (eval)', {'lower': 1 / 8, 'upper': 1 / 3}, {}, lambda x: F.rrelu(x, training=False), 'F.rrelu(x, training=False)', [0.0], None),
    ('rrelu', 'lower=0.1, upper=0.5 (eval)', {'lower': 0.1, 'upper': 0.5}, {}, lambda x: F.rrelu(x, 0.1, 0.5, training=False), 'F.rrelu(x, 0.1, 0.5, training=False)', [0.0], None),
    ('elu', 'default', {'alpha': 1.0}, {}, F.elu, 'F.elu(x)', [0.0], ref_elu(1.0)),
    ('elu', 'alpha=0.5', {'alpha': 0.5}, {}, lambda x: F.elu(x, 0.5), 'F.elu(x, 0.5)', [0.0], ref_elu(0.5)),
    ('elu', 'alpha=2', {'alpha': 2.0}, {}, lambda x: F.elu(x, 2.0), 'F.elu(x, 2.0)', [0.0], ref_elu(2.0)),
    ('selu', 'default', {}, {}, F.selu, 'F.selu(x)', [0.0], ref_elu(SELU_ALPHA, SELU_SCALE)),
    ('celu', 'default', {'alpha': 1.0}, {}, F.celu, 'F.celu(x)', [0.0], ref_elu(1.0, 1.0, 1.0)),
    ('celu', 'alpha=2', {'alpha': 2.0}, {}, lambda x: F.celu(x, 2.0), 'F.celu(x, 2.0)', [0.0], ref_elu(2.0, 1.0, 0.5)),
    ('celu', 'alpha=0.5', {'alpha': 0.5}, {}, lambda x: F.celu(x, 0.5), 'F.celu(x, 0.5)', [0.0], ref_elu(0.5, 1.0, 2.0)),
    ('gelu', "approximate='none'", {}, {'approximate': 'none'}, F.gelu, 'F.gelu(x)', [], ref_gelu),
    ('gelu', "approximate='tanh'", {}, {'approximate': 'tanh'}, lambda x: F.gelu(x, approximate='tanh'), "F.gelu(x, approximate='tanh')", [], ref_gelu_tanh),
    ('silu', 'default', {'beta': 1.0}, {}, F.silu, 'F.silu(x)', [], ref_silu(1.0)),
    ('silu', 'beta=1.702 (quick_gelu)', {'beta': 1.702}, {}, lambda x: x * torch.sigmoid(1.702 * x), 'x * torch.sigmoid(1.702 * x)', [], ref_silu(1.702)),
    ('mish', 'default', {}, {}, F.mish, 'F.mish(x)', [], ref_mish),
    ('softplus', 'default', {'beta': 1.0, 'threshold': 20.0}, {}, F.softplus, 'F.softplus(x)', [20.0], ref_softplus(1.0, 20.0)),
    ('softplus', 'beta=2', {'beta': 2.0, 'threshold': 20.0}, {}, lambda x: F.softplus(x, beta=2.0), 'F.softplus(x, beta=2)', [10.0], ref_softplus(2.0, 20.0)),
    ('softplus', 'beta=0.5, threshold=5', {'beta': 0.5, 'threshold': 5.0}, {}, lambda x: F.softplus(x, beta=0.5, threshold=5.0), 'F.softplus(x, beta=0.5, threshold=5)', [10.0], ref_softplus(0.5, 5.0)),
    ('softplus', 'threshold=800', {'beta': 1.0, 'threshold': 800.0}, {}, lambda x: F.softplus(x, threshold=800.0), 'F.softplus(x, threshold=800)', [800.0], ref_softplus(1.0, 800.0)),
    ('squareplus', 'default (composite)', {'b': 4.0}, {}, squareplus_torch(4.0), 'stable (x + sqrt(x*x + 4))/2', [], ref_squareplus(4.0)),
    ('squareplus', 'b=1 (composite)', {'b': 1.0}, {}, squareplus_torch(1.0), 'stable (x + sqrt(x*x + 1))/2', [], ref_squareplus(1.0)),
    ('sparse_plus', 'default (composite)', {}, {}, sparse_plus_torch, 'where(x <= -1, 0, where(x >= 1, x, (x+1)**2/4))', [-1.0, 1.0], None),
    ('softsign', 'default', {}, {}, F.softsign, 'F.softsign(x)', [0.0], None),
    ('sigmoid', 'default', {}, {}, torch.sigmoid, 'torch.sigmoid(x)', [], ref_sigmoid),
    ('logsigmoid', 'default', {}, {}, F.logsigmoid, 'F.logsigmoid(x)', [], ref_logsigmoid),
    ('hardsigmoid', 'default', {'slope': 1 / 6}, {}, F.hardsigmoid, 'F.hardsigmoid(x)', [-3.0, 3.0], None),
    ('hardsigmoid', 'slope=0.2 (Keras 2, composite)', {'slope': 0.2}, {}, lambda x: (F.hardtanh(x, -2.5, 2.5) + 2.5) / 5, '(F.hardtanh(x, -2.5, 2.5) + 2.5) / 5', [-2.5, 2.5], None),
    ('sparse_sigmoid', 'default (composite)', {}, {}, lambda x: (F.hardtanh(x) + 1) / 2, '(F.hardtanh(x) + 1) / 2', [-1.0, 1.0], None),
    ('hardswish', 'default', {}, {}, F.hardswish, 'F.hardswish(x)', [-3.0, 3.0], None),
    ('tanh', 'default', {}, {}, torch.tanh, 'torch.tanh(x)', [], ref_tanh),
    ('hardtanh', 'default', {'min_val': -1.0, 'max_val': 1.0}, {}, F.hardtanh, 'F.hardtanh(x)', [-1.0, 1.0], None),
    ('hardtanh', 'min_val=-2, max_val=3', {'min_val': -2.0, 'max_val': 3.0}, {}, lambda x: F.hardtanh(x, -2.0, 3.0), 'F.hardtanh(x, -2.0, 3.0)', [-2.0, 3.0], None),
    ('tanhshrink', 'default', {}, {}, F.tanhshrink, 'F.tanhshrink(x)', [], ref_tanhshrink),
    ('softshrink', 'default', {'lambd': 0.5}, {}, F.softshrink, 'F.softshrink(x)', [-0.5, 0.5], None),
    ('softshrink', 'lambd=1.5', {'lambd': 1.5}, {}, lambda x: F.softshrink(x, 1.5), 'F.softshrink(x, 1.5)', [-1.5, 1.5], None),
    ('hardshrink', 'default', {'lambd': 0.5}, {}, F.hardshrink, 'F.hardshrink(x)', [-0.5, 0.5], None),
    ('hardshrink', 'lambd=1.5', {'lambd': 1.5}, {}, lambda x: F.hardshrink(x, 1.5), 'F.hardshrink(x, 1.5)', [-1.5, 1.5], None),
    ('threshold', 'threshold=1, value=0 (slider defaults)', {'threshold': 1.0, 'value': 0.0}, {}, lambda x: F.threshold(x, 1.0, 0.0), 'F.threshold(x, 1.0, 0.0)', [1.0], None),
    ('threshold', 'threshold=1, value=-2', {'threshold': 1.0, 'value': -2.0}, {}, lambda x: F.threshold(x, 1.0, -2.0), 'F.threshold(x, 1.0, -2.0)', [1.0], None),
    ('identity', 'default', {}, {}, torch.nn.Identity(), 'torch.nn.Identity()(x)', [], None),
    ('exponential', 'default', {}, {}, torch.exp, 'torch.exp(x)', [], None),
]

COMPOSITE = {'silu': {'beta=1.702 (quick_gelu)'}, 'squareplus': None, 'sparse_plus': None, 'sparse_sigmoid': None,
             'hardsigmoid': {'slope=0.2 (Keras 2, composite)'}}


def is_composite(name, label):
    if name not in COMPOSITE:
        return False
    labels = COMPOSITE[name]
    return labels is None or label in labels


def elementwise_fixtures():
    out = []
    base = base_points()
    for name, label, params, options, fn, text, kinks, ref in ELEMENTWISE:
        pts = set(base)
        for k in kinks:
            pts |= around(k)
        xs = sorted(pts)
        fs, d1s, d2s, errors = [], [], [], {}
        for x in xs:
            f, d1, d2, err = jet(fn, x)
            fs.append(f)
            d1s.append(d1)
            d2s.append(d2)
            for key, message in err.items():
                errors.setdefault(key, message)
        entry = {
            'name': name, 'label': label, 'params': params, 'options': options, 'torch': text,
            'composite': is_composite(name, label), 'kinks': kinks,
            'x': enc_list(xs), 'f': enc_list(fs), 'd1': enc_list(d1s), 'd2': enc_list(d2s),
        }
        if errors:
            entry['errors'] = errors
        if ref is not None:
            rf, r1, r2 = [], [], []
            for x in xs:
                with mp.workdps(REF_DPS):
                    a, b, c = ref(mp.mpf(x))
                rf.append(float(a))
                r1.append(float(b))
                r2.append(float(c))
            entry['ref'] = {'f': enc_list(rf), 'd1': enc_list(r1), 'd2': enc_list(r2)}
        out.append(entry)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Vector functions and losses

VECTOR_INPUTS = [
    [1.0, 2.0, 3.0],
    [0.0, 0.0, 0.0],
    [-1.0, 0.5, 2.0, -3.0],
    [2.0, 2.0, 1.0],
    [800.0, 0.0, -800.0],
    [30.0, -30.0, 0.0],
    [1000.0, 1000.0],
    [1e-3, -2e-3, 5e-4, 0.0],
    [-745.0, -746.0, -800.0],
    [5.0],
]
NONFINITE_INPUTS = [
    [math.inf, 0.0, 1.0],
    [-math.inf, 0.0, 1.0],
    [-math.inf, -math.inf],
    [math.nan, 0.0, 1.0],
]

VECTOR_FUNCTIONS = {
    'softmax': lambda v: F.softmax(v, dim=0),
    'log_softmax': lambda v: F.log_softmax(v, dim=0),
    'softmin': lambda v: F.softmin(v, dim=0),
    'softmax2d': lambda v: torch.nn.Softmax2d()(v.reshape(-1, 1, 1)).reshape(-1),
    'logsumexp': lambda v: torch.logsumexp(v, dim=0, keepdim=True),
    'crelu': lambda v: torch.cat((F.relu(v), F.relu(-v))),
}


def vector_fixtures():
    out = []
    for fn_name, fn in VECTOR_FUNCTIONS.items():
        for v in VECTOR_INPUTS + NONFINITE_INPUTS:
            t = torch.tensor(v, dtype=torch.float64)
            value = fn(t)
            finite = all(math.isfinite(a) for a in v)
            jac = torch.autograd.functional.jacobian(fn, t) if finite else None
            out.append({
                'fn': fn_name, 'input': enc_list(v), 'value': enc_list(value.tolist()),
                'jacobian': [enc_list(row) for row in jac.tolist()] if jac is not None else None,
            })
    for v in ([1.0, -2.0, 0.5, 3.0], [800.0, -800.0, 0.0, 30.0], [0.0, 0.0]):
        t = torch.tensor(v, dtype=torch.float64)
        fn = lambda u: F.glu(u, dim=-1)  # noqa: E731
        half = len(v) // 2
        with mp.workdps(REF_DPS):
            ref = [[0.0] * len(v) for _ in range(half)]
            for i in range(half):
                a, b = mp.mpf(v[i]), mp.mpf(v[i + half])
                ref[i][i] = float(mp_sigmoid(b))
                ref[i][i + half] = float(a * mp_sigmoid1(b))
        out.append({'fn': 'glu', 'input': enc_list(v), 'value': enc_list(fn(t).tolist()),
                    'jacobian': [enc_list(row) for row in torch.autograd.functional.jacobian(fn, t).tolist()],
                    'ref_jacobian': [enc_list(row) for row in ref]})
    return out


def loss_fixtures():
    ce = []
    cases = [([x, 1.0, -1.0], 0) for x in (-800.0, -30.0, -5.0, -1.0, 0.0, 0.5, 1.0, 3.0, 30.0, 800.0)]
    cases += [([1.0, 2.0, 3.0], 2), ([1.0, 2.0, 3.0], 0), ([800.0, 0.0, -800.0], 2), ([0.0, 0.0, 0.0, 0.0], 3)]
    for logits, target in cases:
        for smoothing in (0.0, 0.1):
            t = torch.tensor([logits], dtype=torch.float64, requires_grad=True)
            loss = F.cross_entropy(t, torch.tensor([target]), label_smoothing=smoothing)
            (g,) = torch.autograd.grad(loss, t)
            ce.append({'logits': enc_list(logits), 'target': target, 'params': {'label_smoothing': smoothing},
                       'value': enc(loss.item()), 'grad': enc_list(g[0].tolist())})
    bce = []
    for x in (-800.0, -100.0, -37.0, -20.0, -5.0, -1.0, -1e-8, 0.0, 1e-8, 0.5, 1.0, 5.0, 20.0, 37.0, 100.0, 800.0):
        for target in (0.0, 1.0, 0.3):
            for pos_weight in (1.0, 2.5):
                fn = lambda u: F.binary_cross_entropy_with_logits(  # noqa: E731
                    u, torch.tensor([target]), pos_weight=torch.tensor([pos_weight]))
                f, d1, d2, _ = jet(fn, x)
                with mp.workdps(REF_DPS):
                    # ℓ = (1 − t)x + L·softplus(−x), L = 1 + (w − 1)t
                    X, T = mp.mpf(x), mp.mpf(target)
                    L = 1 + (pos_weight - 1) * T
                    ref = [(1 - T) * X + L * mp.log1p(mp.exp(-X)), (1 - T) - L * mp_sigmoid(-X), L * mp_sigmoid1(X)]
                bce.append({'x': enc(x), 'target': target, 'params': {'pos_weight': pos_weight},
                            'value': enc(f), 'd1': enc(d1), 'd2': enc(d2), 'ref': enc_list([float(r) for r in ref])})
    return {'cross_entropy': ce, 'binary_cross_entropy_with_logits': bce}


def special_fixtures():
    xs = set()
    for i in range(-600, 601):
        xs.add(i / 100)
    for i in range(60, 301):
        xs.add(i / 10)
        xs.add(-i / 10)
    for a in (0.84375, 1.25, 1 / 0.35, 6.0, 28.0, 26.5, 27.2):
        for b in around(a):
            xs.add(b)
            xs.add(-b)
    for e in (3, 5, 8, 9, 10, 17, 28, 56, 100, 300, 310, 320):
        xs.add(10.0 ** -e)
        xs.add(-(10.0 ** -e))
    xs.add(0.0)
    xs = sorted(xs)
    return {'x': enc_list(xs), 'erf': enc_list([float(mp.erf(mp.mpf(x))) for x in xs]),
            'erfc': enc_list([float(mp.erfc(mp.mpf(x))) for x in xs])}


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: torch_fixtures.py OUT.json')
    data = {
        'meta': {
            'generator': 'scripts/torch_fixtures.py',
            'torch': torch.__version__, 'mpmath': mpmath.__version__, 'python': platform.python_version(),
            'dtype': 'float64',
            'evaluation': 'single-element tensors (PyTorch scalar CPU kernel); f′ by autograd.grad, f″ by double backward',
            'encoding': 'repr floats; "NaN", "Infinity", "-Infinity" strings; null = not available',
        },
        'elementwise': elementwise_fixtures(),
        'vector': vector_fixtures(),
        'loss': loss_fixtures(),
        'special': special_fixtures(),
    }
    with open(sys.argv[1], 'w') as fh:
        json.dump(data, fh, separators=(',', ':'), allow_nan=False)
        fh.write('\n')


if __name__ == '__main__':
    main()
