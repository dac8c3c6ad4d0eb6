#!/usr/bin/env python3
"""Writes demo/activations.ipynb and the renderer's fixture notebooks from python/actviz.py.

Every output is what ``actviz.plot(...)`` returns in Jupyter (the ActViz MIME plus its text/plain fallback), so the
saved notebook is exactly what running its cells produces. Run from anywhere: ``python3 scripts/make_demo_notebook.py``.
The output is deterministic (fixed cell ids, no timestamps), so regenerating it only changes what the script changed.
"""

import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

import actviz  # noqa: E402

DEMO = os.path.join(ROOT, "demo", "activations.ipynb")
FIXTURES = os.path.join(ROOT, "test", "fixtures", "workspace", "notebooks")


def lines(text):
    """nbformat's multi-line string: a list of lines that keep their newlines."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


class Notebook:
    def __init__(self, name):
        self.name = name
        self.cells = []
        self.count = 0

    def _id(self):
        return f"{self.name}-{len(self.cells):02d}"

    def markdown(self, text):
        self.cells.append({"cell_type": "markdown", "id": self._id(), "metadata": {}, "source": lines(text.strip("\n"))})

    def code(self, source, value=None, bundle=None):
        """A code cell; its output is `value`'s mime bundle (as IPython shows the cell's last expression) or `bundle`."""
        self.count += 1
        outputs = []
        if value is not None:
            bundle = value._repr_mimebundle_()
        if bundle is not None:
            data = {mime: (lines(v) if isinstance(v, str) else v) for mime, v in bundle.items()}
            outputs.append({"output_type": "execute_result", "execution_count": self.count, "data": data, "metadata": {}})
        self.cells.append({
            "cell_type": "code", "execution_count": self.count, "id": self._id(), "metadata": {},
            "outputs": outputs, "source": lines(source.strip("\n")),
        })

    def write(self, path):
        document = {
            "cells": self.cells,
            "metadata": {
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                "language_info": {"name": "python", "version": "3"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(f"wrote {os.path.relpath(path, ROOT)} ({sum(1 for c in self.cells if c['cell_type'] == 'code')} code cells)")


def run(nb, source, env):
    """Executes a cell's source as the notebook would and stores the value of its last line as the output."""
    body, _, last = source.strip().rpartition("\n")
    exec(body, env)  # noqa: S102 - our own demo source, the same text the notebook shows
    nb.code(source, eval(last, env))  # noqa: S307


def demo():
    nb = Notebook("demo")
    env = {"actviz": actviz, "math": math}
    nb.markdown("""
# Activation functions and their gradients

Every plot in this notebook is an **ActViz output**: the cell stores an *expression* such as `sigmoid(x)` in the
`application/vnd.actviz.v1+json` MIME type, and the ActViz extension evaluates it, with exact first and second
derivatives, when the notebook is shown. Nothing needs to run to see the plots: the outputs are saved.

- **Zoom** with the mouse (drag a box, scroll, or double-click to reset): the visible range is re-sampled, so detail
  appears instead of straight segments.
- **Hover** shows f, f′ and f″ at the cursor together.
- **Sliders** under a plot change its parameters (a Leaky ReLU's slope, a softmax temperature) without re-running.
- Dashed lines are f′, dotted lines f″. Circles mark kinks, diamonds the derivative PyTorch uses there.

The cells use `python/actviz.py`, one dependency-free file: copy it next to your own notebook. Without the extension
(GitHub, JupyterLab) each output falls back to a one-line text description.
""")
    nb.code("""
import sys
sys.path.insert(0, "../python")  # where actviz.py lives in this repository
import actviz
""")

    nb.markdown("""
## The five classics

### Sigmoid

σ(x) = 1 / (1 + e^(−x)) squashes any number into (0, 1), which is why it reads as a probability. Its derivative is
σ′(x) = σ(x)·(1 − σ(x)): at most **0.25** (at x = 0) and nearly zero once |x| is beyond 5 or so. f″ shows where the
slope changes fastest, at x = ±1.317.
""")
    run(nb, 'actviz.plot("sigmoid(x)", range=(-8, 8), derivatives=(1, 2), title="Sigmoid")', env)

    nb.markdown("""
### Tanh

tanh(x) = 2σ(2x) − 1 is a stretched, **zero-centred** sigmoid with range (−1, 1). Its derivative 1 − tanh²(x) peaks
at **1**, four times the sigmoid's, which is one reason tanh trained better than sigmoid in hidden layers. It still
saturates in both tails.
""")
    run(nb, 'actviz.plot("tanh(x)", range=(-5, 5), derivatives=(1, 2), title="Tanh")', env)

    nb.markdown("""
### ReLU

relu(x) = max(0, x). The gradient is exactly 1 for x > 0, so it does not shrink as it flows back through many layers,
and exactly 0 for x < 0, so a unit stuck there learns nothing ("dying ReLU"). At the kink x = 0 the derivative is
undefined; PyTorch, TensorFlow and JAX all use **relu′(0) = 0** (the diamond marks it).
""")
    run(nb, 'actviz.plot("relu(x)", range=(-3, 3), title="ReLU")', env)

    nb.markdown("""
### Leaky ReLU

leaky_relu(x) = x for x ≥ 0, αx otherwise: a small slope α keeps negative units alive. Move the **negative_slope**
slider; the label shows PyTorch's default (0.01). The frameworks disagree on that default, see below.
""")
    run(nb, 'actviz.plot("leaky_relu(x)", range=(-3, 3), params={"negative_slope": 0.1}, title="Leaky ReLU (α = 0.1)")', env)

    nb.markdown("""
### Softmax

softmax is not an element-wise function: it maps a **vector** of logits z to a probability vector,
sᵢ = e^(zᵢ) / Σⱼ e^(zⱼ). So there is no single "softmax′(x)"; its derivative is a **Jacobian** matrix,
∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ), i.e. diag(s) − s·sᵀ. The plot shows the input, the output and that Jacobian as a heat-map.
Every row of the Jacobian sums to 0, because the outputs always sum to 1.

Dividing the logits by a **temperature T** sharpens (T < 1) or flattens (T > 1) the distribution: drag the T slider.
""")
    run(nb, 'actviz.plot("softmax([1, 2, 3] / T)", params={"T": 1.0}, title="Softmax of [1, 2, 3] at temperature T")', env)

    nb.markdown("""
To see softmax as a curve, vary one logit and watch its probability: with the other logits fixed at 0 and 1,
softmax([x, 0, 1])₀ is a sigmoid-shaped curve in x (with two logits it *is* the sigmoid of their difference).
""")
    run(nb, 'actviz.plot("softmax([x, 0, 1])[0]", range=(-6, 6), title="Probability of class 0 as its logit x varies")', env)

    nb.markdown("""
## Softmax vs cross-entropy: a common confusion

Two different things are both called "softmax":

1. **The softmax activation** turns logits into probabilities. Its derivative is the Jacobian above: a full matrix
   whose entries are small when one class dominates (softmax saturates like a sigmoid).
2. **The softmax cross-entropy loss** (PyTorch `nn.CrossEntropyLoss` / `F.cross_entropy`, TensorFlow
   `tf.nn.softmax_cross_entropy_with_logits`, Keras `CategoricalCrossentropy(from_logits=True)`) takes the **raw
   logits** z and the true class y and computes loss = −log softmax(z)ᵧ = logsumexp(z) − zᵧ.

The gradient of the *loss* with respect to the logits is remarkably simple: **∂loss/∂z = softmax(z) − onehot(y)**.
The Jacobian of the activation and the −1/sᵧ of the log multiply out to that vector. It is never tiny when the
prediction is wrong, which is why softmax + cross-entropy trains well even though softmax alone saturates.

The practical consequences:

- `F.cross_entropy` and `nn.CrossEntropyLoss` apply (log-)softmax **inside**. Feeding them probabilities
  (`F.cross_entropy(F.softmax(z), y)`) applies softmax twice: the loss still decreases, but its gradients are squashed
  and training slows or stalls.
- Keras losses default to `from_logits=False` and expect probabilities; pass `from_logits=True` if the last layer has
  no softmax.
- Never compute `log(softmax(z))` yourself; use `log_softmax` (or the fused loss), which is stable for large logits.

Below: the loss for logits [2, 1, 0.1] with true class 0, with softmax(z), the one-hot target and their difference
(the gradient) as bars.
""")
    run(nb, 'actviz.plot("cross_entropy([2, 1, 0.1], 0)", title="Cross-entropy of logits [2, 1, 0.1], true class 0")', env)

    nb.markdown("""
And as a function of the true class's logit x (the other logits fixed at 1 and −1): the loss falls towards 0 as x
grows, and its derivative is softmax(z)₀ − 1, between −1 and 0. It approaches 0 only once the prediction is
confidently right, never while it is wrong.
""")
    run(nb, 'actviz.plot("cross_entropy([x, 1, -1], 0)", range=(-6, 8), title="Cross-entropy as the true logit x varies")', env)

    nb.markdown("""
## Saturation and vanishing gradients

Shaded bands mark where |f′| < 0.01: there the function is **saturated** and almost no gradient passes through it.
Sigmoid and tanh saturate in both tails; ReLU never does for x > 0 (but passes nothing for x < 0).
""")
    run(nb, 'actviz.plot(["sigmoid(x)", "tanh(x)", "relu(x)"], range=(-10, 10), saturation=0.01, '
        'title="Where the gradient vanishes (|f′| < 0.01 shaded)")', env)

    nb.markdown("""
Backpropagation multiplies the derivatives of stacked layers. Because σ′ ≤ 0.25, the gradient through n sigmoid
layers is at most 0.25ⁿ (here, composing three sigmoids: f′ stays below 0.25³ ≈ 0.016). This is the **vanishing
gradient** problem that ReLU-family activations, careful initialisation, normalisation and residual connections address.
""")
    run(nb, 'actviz.plot(["sigmoid(x)", "sigmoid(sigmoid(x))", "sigmoid(sigmoid(sigmoid(x)))"], range=(-6, 6), '
        'title="Stacking sigmoids shrinks the gradient")', env)

    nb.markdown("""
## Framework defaults side by side

The same name does not mean the same function in every framework. ActViz reads framework-prefixed names with that
framework's defaults:

- **Leaky ReLU slope**: PyTorch `F.leaky_relu` and JAX 0.01, `tf.nn.leaky_relu` 0.2, `keras.layers.LeakyReLU` 0.3.
  Each curve gets its own slider, so you can match them up.
""")
    run(nb, 'actviz.plot(["F.leaky_relu(x)", "tf.nn.leaky_relu(x)", "keras.layers.LeakyReLU()(x)"], range=(-4, 2), '
        'title="Leaky ReLU: PyTorch vs TensorFlow vs Keras layer")', env)

    nb.markdown("""
- **GELU**: PyTorch and `keras.activations.gelu` use the exact x·Φ(x); `jax.nn.gelu` defaults to the **tanh
  approximation**. The curves are nearly identical; their difference (second plot) is below 5·10⁻⁴.
""")
    run(nb, 'actviz.plot(["F.gelu(x)", "jax.nn.gelu(x)"], range=(-4, 4), title="GELU: PyTorch (exact) vs JAX (tanh)")', env)
    run(nb, 'actviz.plot("F.gelu(x) - jax.nn.gelu(x)", range=(-6, 6), derivatives=(), '
        'title="Exact minus tanh-approximate GELU")', env)

    nb.markdown("""
- **Hard sigmoid**: PyTorch, JAX and Keras 3 use relu6(x + 3)/6 (slope 1/6 on (−3, 3)); Keras 2 / `tf.keras` up to 2.15
  used clip(0.2x + 0.5, 0, 1) (slope 0.2 on (−2.5, 2.5)). A model ported between them changes its outputs.
""")
    run(nb, 'actviz.plot(["F.hardsigmoid(x)", "tf.keras.backend.hard_sigmoid(x)"], range=(-4, 4), '
        'title="Hard sigmoid: PyTorch vs Keras 2")', env)

    nb.markdown("""
## Your framework's outputs on top of the formula

`actviz.series(x, {"name": y})` adds precomputed values, for example what your framework actually returns, and `+`
overlays them on an expression. In your own notebook that would be
`ys = torch.nn.functional.gelu(torch.tensor(xs), approximate="tanh")`; here, to stay dependency-free, the tanh
approximation is computed with Python's `math` on a coarse grid and drawn over ActViz's exact GELU.
""")
    run(nb, """
xs = [i / 4 for i in range(-16, 17)]
k = math.sqrt(2 / math.pi)
ys = [0.5 * x * (1 + math.tanh(k * (x + 0.044715 * x ** 3))) for x in xs]
actviz.plot("gelu(x)", range=(-4, 4), derivatives=()) + actviz.series(xs, {"tanh approximation (Python math)": ys})
""", env)

    nb.markdown("""
## Without Python

Pick **ActViz** in the kernel picker (top right of a notebook) and write expressions directly in code cells, one per
line (overlaid), with optional directives:

```
# Leaky ReLU, two frameworks
%range -4 4
%derivatives 1 2
F.leaky_relu(x)
tf.nn.leaky_relu(x)
```

Other directives: `%params negative_slope=0.1 T=0.5`, `%points 500`, `%saturation 0.01`, `%framework tf`,
`%title …`. A mistake becomes a cell error with a caret under the offending part. The payload format is documented in
`schemas/actviz.v1.schema.json`.
""")
    nb.write(DEMO)


HOSTILE_TITLE = '<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=1</script>'

# (name, payload, expected): "plot" draws; otherwise the text the error box must contain.
BAD_CASES = [
    ("script in the title, drawn as text", {"version": 1, "expr": "tanh(x)", "title": HOSTILE_TITLE}, "plot"),
    ("unknown field", {"version": 1, "expr": "relu(x)", "colour": "red"}, "colour"),
    ("huge points", {"version": 1, "expr": "relu(x)", "points": 100000000}, "points"),
    ("bad expression", {"version": 1, "expr": "gleu(x) + 1"}, "gleu"),
    ("one-number range", {"version": 1, "expr": "relu(x)", "range": [0]}, "range"),
    ("__proto__ parameter", {"version": 1, "expr": "relu(x)", "params": {"__proto__": {"polluted": 1}}}, "__proto__"),
    # In an .ipynb a +json output is a JSON object; VS Code hands any other string to the renderer as text.
    ("an array, not an object", "[1, 2, 3]", "JSON object"),
    ("truncated JSON", '{"version": 1, "expr": "relu(x)",', "not valid JSON"),
]


def bad_payloads():
    """One good output, then hostile or broken payloads: each must draw as text or show an error box naming the field."""
    nb = Notebook("bad")
    nb.markdown("# Renderer fixture: a good output, a hostile title drawn as text, then payloads that must each show an error box")
    nb.code('actviz.plot("relu(x)", range=(-2, 2))', actviz.plot("relu(x)", range=(-2, 2)))
    for name, payload, expected in BAD_CASES:
        bundle = {actviz.MIME: payload, "text/plain": f"payload: {name}"}
        nb.code(f"# {name} (expect: {expected})\ndisplay(payload, raw=True)", bundle=bundle)
    nb.write(os.path.join(FIXTURES, "bad-payloads.ipynb"))


def many_outputs(count=40):
    """A notebook of `count` ActViz outputs, for the scrolling and memory check."""
    nb = Notebook("many")
    nb.markdown(f"# {count} ActViz outputs")
    names = ["relu", "gelu", "silu", "tanh", "sigmoid", "elu", "selu", "mish", "softplus", "hardswish"]
    for i in range(count):
        expr = f"{names[i % len(names)]}(x)"
        nb.code(f'actviz.plot("{expr}")', actviz.plot(expr, range=(-4, 4), derivatives=(1,), points=500))
    nb.write(os.path.join(FIXTURES, "forty-outputs.ipynb"))


if __name__ == "__main__":
    demo()
    bad_payloads()
    many_outputs()
