"""ActViz plots in Jupyter notebooks: activation functions and their exact derivatives from an expression.

One file, no dependencies: copy it next to your notebook (or onto ``sys.path``) and write::

    import actviz
    actviz.plot("gelu(x)", range=(-4, 4), derivatives=(1,))
    actviz.plot(["relu(x)", "silu(x)"], derivatives=(1, 2))
    actviz.plot("F.leaky_relu(x)", params={"negative_slope": 0.1})
    actviz.plot("softmax([1, 2, 3] / T)", params={"T": 0.5})          # no x: bars and Jacobian
    actviz.plot("gelu(x)") + actviz.series(xs, {"torch": ys})          # overlay your framework's outputs

The result displays as an interactive plot in VS Code with the ActViz extension (MIME type
``application/vnd.actviz.v1+json``; the expression is evaluated by the extension, not by Python) and as a short text
description everywhere else. Arguments are checked here, so mistakes show up as a ``ValueError`` in the cell that made
them, with the argument's name. The payload format is documented in ``schemas/actviz.v1.schema.json``.
"""

import json
import math
import numbers
import re

__all__ = ["MIME", "Plot", "plot", "series"]
__version__ = "1.0.0"

MIME = "application/vnd.actviz.v1+json"

# The same limits as the renderer's validator (src/shared/plotSpec.ts), so a payload that passes here renders there.
MIN_POINTS = 2
MAX_POINTS = 20000
MAX_ABS_RANGE = 1e6
MAX_EXPRESSIONS = 8
MAX_EXPRESSION_LENGTH = 1000
MAX_TITLE_LENGTH = 200
MAX_PARAMS = 32
MAX_PARAM_NAME_LENGTH = 64
MAX_SERIES = 16
MAX_SERIES_POINTS = 20000
MAX_SERIES_NAME_LENGTH = 100
FRAMEWORKS = ("torch", "tf", "keras", "keras2", "jax", "flax", "tfjs", "hf")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_RESERVED = frozenset(("__proto__", "constructor", "prototype"))


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _as_list(values, name):
    """A list from a list, tuple, range, NumPy array or tensor, without importing NumPy."""
    if isinstance(values, (str, bytes, dict)) or values is None:
        raise ValueError(f"{name} must be a sequence of numbers, not {type(values).__name__}")
    if hasattr(values, "detach"):  # a torch tensor that may require grad
        values = values.detach()
    if hasattr(values, "cpu"):
        values = values.cpu()
    if hasattr(values, "tolist"):
        values = values.tolist()
    try:
        return list(values)
    except TypeError:
        raise ValueError(f"{name} must be a sequence of numbers, not {type(values).__name__}") from None


def _finite(value, name):
    if not _is_number(value):
        raise ValueError(f"{name} must be a number, not {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, not {value}")
    return value


def _text(value, name, limit):
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{name} is {len(value)} characters long; the limit is {limit}")
    return value


def _expressions(expr):
    if isinstance(expr, str):
        items = [expr]
    elif isinstance(expr, (list, tuple)):
        items = list(expr)
        if not items:
            raise ValueError("expr must not be empty")
        if len(items) > MAX_EXPRESSIONS:
            raise ValueError(f"expr has {len(items)} expressions; the limit is {MAX_EXPRESSIONS}")
    else:
        raise ValueError(f"expr must be a string or a list of strings, not {type(expr).__name__}")
    result = []
    for i, item in enumerate(items):
        name = "expr" if isinstance(expr, str) else f"expr[{i}]"
        text = _text(item, name, MAX_EXPRESSION_LENGTH)
        if not text.strip():
            raise ValueError(f"{name} must not be empty")
        result.append(text)
    return result


def _range(value):
    try:
        items = _as_list(value, "range")
    except ValueError:
        raise ValueError(f"range must be a pair (from, to), not {type(value).__name__}") from None
    if len(items) != 2:
        raise ValueError(f"range must be a pair (from, to), not {len(items)} values")
    lo, hi = (_finite(v, f"range[{i}]") for i, v in enumerate(items))
    for i, v in enumerate((lo, hi)):
        if abs(v) > MAX_ABS_RANGE:
            raise ValueError(f"range[{i}] must lie within ±{MAX_ABS_RANGE:g}, not {v:g}")
    if not lo < hi:
        raise ValueError(f"range must run from a smaller to a larger number, not ({lo:g}, {hi:g})")
    return [lo, hi]


def _points(value):
    if not _is_number(value) or not math.isfinite(float(value)) or float(value) != int(value):
        raise ValueError(f"points must be a whole number, not {value!r}")
    value = int(value)
    if not MIN_POINTS <= value <= MAX_POINTS:
        raise ValueError(f"points must be between {MIN_POINTS} and {MAX_POINTS}, not {value}")
    return value


def _derivatives(value):
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = (value,)
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise ValueError(f"derivatives must be a tuple such as (1,) or (1, 2), not {type(value).__name__}")
    orders = set()
    for order in value:
        if isinstance(order, bool) or order not in (1, 2):
            raise ValueError(f"derivatives may contain 1 (f′) and 2 (f″) only, not {order!r}")
        orders.add(int(order))
    return sorted(orders)


def _params(value):
    if not isinstance(value, dict):
        raise ValueError(f"params must be a dict of name: number, not {type(value).__name__}")
    if len(value) > MAX_PARAMS:
        raise ValueError(f"params has {len(value)} entries; the limit is {MAX_PARAMS}")
    result = {}
    for key, number in value.items():
        if not isinstance(key, str) or len(key) > MAX_PARAM_NAME_LENGTH or not _IDENTIFIER.match(key):
            raise ValueError(f"params: {key!r} is not a parameter name (letters, digits and _, not starting with a digit)")
        if key in _RESERVED:
            raise ValueError(f"params: {key!r} is a reserved name, not a parameter")
        result[key] = _finite(number, f"params[{key!r}]")
    return result


def _saturation(value):
    value = _finite(value, "saturation")
    if not 0 <= value <= 1:
        raise ValueError(f"saturation must be between 0 and 1 (a threshold on |f′|), not {value:g}")
    return value


def _framework(value):
    if value not in FRAMEWORKS:
        raise ValueError(f"framework must be one of {', '.join(FRAMEWORKS)}, not {value!r}")
    return value


def _series(x, ys):
    xs = _as_list(x, "x")
    if len(xs) < 2 or len(xs) > MAX_SERIES_POINTS:
        raise ValueError(f"x must hold 2 to {MAX_SERIES_POINTS} values, not {len(xs)}")
    xs = [_finite(v, f"x[{i}]") for i, v in enumerate(xs)]
    if not isinstance(ys, dict):
        raise ValueError(f"series must be a dict of name: values, such as {{'torch': y}}, not {type(ys).__name__}")
    if not 1 <= len(ys) <= MAX_SERIES:
        raise ValueError(f"series must hold 1 to {MAX_SERIES} entries, not {len(ys)}")
    result = []
    for name, y in ys.items():
        label = _text(name, "series name", MAX_SERIES_NAME_LENGTH)
        values = _as_list(y, f"series[{name!r}]")
        if len(values) != len(xs):
            raise ValueError(f"series[{name!r}] has {len(values)} values but x has {len(xs)}")
        out = []
        for i, v in enumerate(values):
            if v is None:
                out.append(None)
                continue
            if not _is_number(v):
                raise ValueError(f"series[{name!r}][{i}] must be a number or None, not {type(v).__name__}")
            v = float(v)
            out.append(v if math.isfinite(v) else None)  # NaN and ±inf are gaps, as JSON has no NaN
        result.append({"name": label, "y": out})
    return xs, result


class Plot:
    """An ActViz plot: displays itself in Jupyter; ``payload`` is the JSON that the notebook stores."""

    def __init__(self, payload):
        self.payload = payload

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME: self.to_dict(), "text/plain": self.describe()}

    def __repr__(self):
        return self.describe()

    def to_dict(self):
        """A copy of the payload, ready for ``json.dumps``."""
        return json.loads(self.to_json())

    def to_json(self, **kwargs):
        return json.dumps(self.payload, ensure_ascii=False, allow_nan=False, **kwargs)

    def overlay(self, other):
        """This plot's expressions with another plot's precomputed series (or the other way round)."""
        if not isinstance(other, Plot):
            raise ValueError(f"can only overlay another actviz plot, not {type(other).__name__}")
        merged = dict(self.payload)
        for key, value in other.payload.items():
            if key in ("x", "series") and key in merged:
                raise ValueError("both plots carry precomputed series; put all series into one actviz.series(...)")
            if key == "expr" and "expr" in merged:
                first = merged["expr"] if isinstance(merged["expr"], list) else [merged["expr"]]
                second = value if isinstance(value, list) else [value]
                merged["expr"] = _expressions(first + second)
                continue
            merged.setdefault(key, value)
        return Plot(merged)

    __add__ = overlay

    def display(self):
        """Shows the plot from inside a loop or function (needs IPython)."""
        from IPython.display import display

        display(self)

    def describe(self):
        """The ``text/plain`` fallback: what the plot shows, for front ends without the ActViz renderer."""
        p = self.payload
        parts = []
        if "expr" in p:
            exprs = p["expr"] if isinstance(p["expr"], list) else [p["expr"]]
            curves = ["f"] + [("f′", "f″")[d - 1] for d in p.get("derivatives", [1])]
            parts.append(f"{', '.join(exprs)} ({', '.join(curves)})")
        if "series" in p:
            names = ", ".join(s["name"] for s in p["series"])
            parts.append(f"series {names} ({len(p['x'])} points)")
        text = "ActViz plot: " + " with ".join(parts)
        if "range" in p:
            text += f" on [{p['range'][0]:g}, {p['range'][1]:g}]"
        if p.get("params"):
            text += " with " + ", ".join(f"{k}={v:g}" for k, v in p["params"].items())
        if "framework" in p:
            text += f" ({p['framework']} defaults)"
        if "saturation" in p:
            text += f"; shaded where |f′| < {p['saturation']:g}"
        if "title" in p:
            text = f"{p['title']}\n{text}"
        return text + "\n(Open in VS Code with the ActViz extension to see the interactive plot.)"


def plot(expr, range=None, derivatives=(1,), params=None, points=None, title=None, framework=None, saturation=None):
    """A plot of one expression or several overlaid, with the chosen derivatives.

    ``expr``: ``"gelu(x)"`` or ``["relu(x)", "silu(x)"]``; an expression without ``x`` such as
    ``"softmax([1, 2, 3] / T)"`` is drawn as bars with its Jacobian. ``range``: ``(from, to)``, default the renderer's
    (-5, 5). ``derivatives``: any of 1 (f′) and 2 (f″), ``()`` for f only. ``params``: values of parameters and free
    names, e.g. ``{"negative_slope": 0.1}`` or ``{"T": 0.5}`` (each becomes a slider). ``points``: samples per curve
    (2 to 20 000, default 1000). ``framework``: whose defaults bare names use (``"torch"``, ``"tf"``, ``"keras"``,
    ``"jax"`` …). ``saturation``: shade where |f′| is below this threshold (vanishing gradients), e.g. 0.01.
    """
    payload = {"version": 1, "expr": _expressions(expr)}
    if len(payload["expr"]) == 1:
        payload["expr"] = payload["expr"][0]
    if range is not None:
        payload["range"] = _range(range)
    payload["derivatives"] = _derivatives(derivatives)
    if params:
        payload["params"] = _params(params)
    elif params is not None and not isinstance(params, dict):
        _params(params)
    if points is not None:
        payload["points"] = _points(points)
    if title is not None:
        payload["title"] = _text(title, "title", MAX_TITLE_LENGTH)
    if framework is not None:
        payload["framework"] = _framework(framework)
    if saturation is not None:
        payload["saturation"] = _saturation(saturation)
    return Plot(payload)


def series(x, ys, title=None, range=None):
    """Precomputed curves, e.g. your framework's actual outputs: ``series(xs, {"torch float32": ys})``.

    Display it alone, or overlay it on an expression: ``plot("gelu(x)") + series(xs, {"torch": ys})``.
    NaN, ±inf and None in ``ys`` become gaps.
    """
    xs, curves = _series(x, ys)
    payload = {"version": 1, "x": xs, "series": curves}
    if range is not None:
        payload["range"] = _range(range)
    if title is not None:
        payload["title"] = _text(title, "title", MAX_TITLE_LENGTH)
    return Plot(payload)
