"""Tests of python/actviz.py with the standard library only (run: /usr/bin/python3 -m unittest discover -s test/python).

The display tests use IPython when it is installed (Debian: apt install python3-ipython) and are skipped otherwise.
"""

import json
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import actviz  # noqa: E402

try:
    from IPython.core.formatters import DisplayFormatter
    from IPython.core.interactiveshell import InteractiveShell
except ImportError:  # pragma: no cover - depends on the machine
    DisplayFormatter = None


class FakeArray:
    """Stands in for a NumPy array or a torch tensor: only tolist(), detach() and cpu()."""

    def __init__(self, values):
        self.values = values
        self.calls = []

    def detach(self):
        self.calls.append("detach")
        return self

    def cpu(self):
        self.calls.append("cpu")
        return self

    def tolist(self):
        self.calls.append("tolist")
        return list(self.values)


class PlotPayloadTest(unittest.TestCase):
    def test_a_single_expression_gives_the_documented_payload(self):
        payload = actviz.plot("gelu(x)", range=(-4, 4), derivatives=(1,)).payload
        self.assertEqual(payload, {"version": 1, "expr": "gelu(x)", "range": [-4.0, 4.0], "derivatives": [1]})

    def test_several_expressions_stay_a_list(self):
        payload = actviz.plot(["relu(x)", "silu(x)"], derivatives=(2, 1)).payload
        self.assertEqual(payload["expr"], ["relu(x)", "silu(x)"])
        self.assertEqual(payload["derivatives"], [1, 2])

    def test_optional_fields_are_written_only_when_given(self):
        payload = actviz.plot(
            "F.leaky_relu(x)", params={"negative_slope": 0.1}, points=500, title="Leaky", framework="tf", saturation=0.01
        ).payload
        self.assertEqual(payload["params"], {"negative_slope": 0.1})
        self.assertEqual(payload["points"], 500)
        self.assertEqual(payload["title"], "Leaky")
        self.assertEqual(payload["framework"], "tf")
        self.assertEqual(payload["saturation"], 0.01)
        self.assertNotIn("range", actviz.plot("x").payload)

    def test_derivatives_accept_an_int_and_an_empty_tuple(self):
        self.assertEqual(actviz.plot("x", derivatives=2).payload["derivatives"], [2])
        self.assertEqual(actviz.plot("x", derivatives=()).payload["derivatives"], [])

    def test_the_payload_is_strict_json(self):
        text = actviz.plot("sigmoid(x)", range=(-6, 6)).to_json()
        self.assertEqual(json.loads(text)["expr"], "sigmoid(x)")


class SeriesTest(unittest.TestCase):
    def test_series_turn_nan_and_inf_into_gaps(self):
        payload = actviz.series([0, 1, 2, 3], {"torch": [0.0, float("nan"), float("inf"), None]}).payload
        self.assertEqual(payload["series"], [{"name": "torch", "y": [0.0, None, None, None]}])
        json.loads(actviz.series([0, 1], {"a": [float("nan"), 1]}).to_json())  # allow_nan=False would raise on NaN

    def test_series_read_array_like_values_without_numpy(self):
        xs = FakeArray([0.0, 1.0])
        ys = FakeArray([2.0, 3.0])
        payload = actviz.series(xs, {"y": ys}).payload
        self.assertEqual(payload["x"], [0.0, 1.0])
        self.assertEqual(payload["series"][0]["y"], [2.0, 3.0])
        self.assertEqual(ys.calls, ["detach", "cpu", "tolist"])

    def test_a_plot_and_series_overlay_with_plus(self):
        combined = actviz.plot("gelu(x)", range=(-3, 3)) + actviz.series([-3, 3], {"torch": [-0.004, 2.996]})
        self.assertEqual(combined.payload["expr"], "gelu(x)")
        self.assertEqual(combined.payload["series"][0]["name"], "torch")
        self.assertEqual(combined.payload["range"], [-3.0, 3.0])

    def test_two_plots_overlay_their_expressions(self):
        combined = actviz.plot("relu(x)").overlay(actviz.plot(["gelu(x)", "silu(x)"]))
        self.assertEqual(combined.payload["expr"], ["relu(x)", "gelu(x)", "silu(x)"])

    def test_two_sets_of_series_cannot_overlay(self):
        with self.assertRaisesRegex(ValueError, "both plots carry precomputed series"):
            actviz.series([0, 1], {"a": [0, 1]}) + actviz.series([0, 1], {"b": [0, 1]})


class ValidationTest(unittest.TestCase):
    cases = [
        (dict(expr=5), "expr must be a string or a list of strings, not int"),
        (dict(expr=""), "expr must not be empty"),
        (dict(expr=[]), "expr must not be empty"),
        (dict(expr=["x"] * 9), "expr has 9 expressions; the limit is 8"),
        (dict(expr=["x", 3]), r"expr\[1\] must be a string, not int"),
        (dict(expr="x" * 1001), "expr is 1001 characters long; the limit is 1000"),
        (dict(expr="x", range=(4, -4)), "range must run from a smaller to a larger number"),
        (dict(expr="x", range=(0, math.nan)), r"range\[1\] must be finite, not nan"),
        (dict(expr="x", range=(-1e7, 1)), r"range\[0\] must lie within ±1e\+06"),
        (dict(expr="x", range=(1, 2, 3)), r"range must be a pair \(from, to\), not 3 values"),
        (dict(expr="x", range="-4,4"), r"range must be a pair \(from, to\), not str"),
        (dict(expr="x", range=("a", 1)), r"range\[0\] must be a number, not str"),
        (dict(expr="x", points=10**9), "points must be between 2 and 20000, not 1000000000"),
        (dict(expr="x", points=10.5), "points must be a whole number, not 10.5"),
        (dict(expr="x", points=math.inf), "points must be a whole number, not inf"),
        (dict(expr="x", points=True), "points must be a whole number, not True"),
        (dict(expr="x", derivatives=(3,)), "derivatives may contain 1 .* and 2 .* only, not 3"),
        (dict(expr="x", derivatives="1"), "derivatives must be a tuple"),
        (dict(expr="x", params=[("T", 1)]), "params must be a dict of name: number, not list"),
        (dict(expr="x", params={"T": "0.5"}), r"params\['T'\] must be a number, not str"),
        (dict(expr="x", params={"T": math.inf}), r"params\['T'\] must be finite, not inf"),
        (dict(expr="x", params={"a b": 1}), "params: 'a b' is not a parameter name"),
        (dict(expr="x", params={"__proto__": 1}), "params: '__proto__' is a reserved name"),
        (dict(expr="x", title=3), "title must be a string, not int"),
        (dict(expr="x", title="t" * 201), "title is 201 characters long; the limit is 200"),
        (dict(expr="x", framework="caffe"), "framework must be one of torch, tf, .*, not 'caffe'"),
        (dict(expr="x", saturation=2), "saturation must be between 0 and 1"),
    ]

    def test_plot_arguments_are_checked_with_clear_messages(self):
        for kwargs, message in self.cases:
            with self.subTest(**{k: repr(v)[:40] for k, v in kwargs.items()}):
                with self.assertRaisesRegex(ValueError, message):
                    actviz.plot(**kwargs)

    series_cases = [
        (([0], {"a": [1]}), "x must hold 2 to 20000 values, not 1"),
        ((list(range(20001)), {"a": list(range(20001))}), "x must hold 2 to 20000 values, not 20001"),
        (([0, math.nan], {"a": [1, 2]}), r"x\[1\] must be finite, not nan"),
        (("01", {"a": [1, 2]}), "x must be a sequence of numbers, not str"),
        (([0, 1], [[1, 2]]), "series must be a dict of name: values"),
        (([0, 1], {}), "series must hold 1 to 16 entries, not 0"),
        (([0, 1], {f"s{i}": [0, 1] for i in range(17)}), "series must hold 1 to 16 entries, not 17"),
        (([0, 1], {"a": [1, 2, 3]}), r"series\['a'\] has 3 values but x has 2"),
        (([0, 1], {"a": [1, "2"]}), r"series\['a'\]\[1\] must be a number or None, not str"),
        (([0, 1], {"n" * 101: [1, 2]}), "series name is 101 characters long; the limit is 100"),
        (([0, 1], {3: [1, 2]}), "series name must be a string, not int"),
    ]

    def test_series_arguments_are_checked_with_clear_messages(self):
        for args, message in self.series_cases:
            with self.subTest(message=message):
                with self.assertRaisesRegex(ValueError, message):
                    actviz.series(*args)

    def test_limits_match_the_renderer(self):
        actviz.plot("x", points=20000, range=(-1e6, 1e6), title="t" * 200)
        actviz.series(list(range(20000)), {"a": list(range(20000))})


class FallbackTest(unittest.TestCase):
    def test_the_mime_bundle_holds_the_payload_and_a_text_fallback(self):
        bundle = actviz.plot("tanh(x)", range=(-3, 3), derivatives=(1, 2))._repr_mimebundle_()
        self.assertEqual(set(bundle), {"application/vnd.actviz.v1+json", "text/plain"})
        self.assertEqual(bundle[actviz.MIME]["expr"], "tanh(x)")
        self.assertIn("tanh(x) (f, f′, f″) on [-3, 3]", bundle["text/plain"])
        self.assertIn("ActViz extension", bundle["text/plain"])

    def test_the_bundle_is_a_copy_the_caller_cannot_corrupt(self):
        p = actviz.plot("tanh(x)")
        p._repr_mimebundle_()[actviz.MIME]["expr"] = "changed"
        self.assertEqual(p.payload["expr"], "tanh(x)")

    def test_repr_is_the_text_fallback(self):
        text = repr(actviz.plot("relu(x)", params={"T": 2}, title="ReLU"))
        self.assertTrue(text.startswith("ReLU\nActViz plot: relu(x) (f, f′) with T=2"))

    def test_series_describe_themselves(self):
        self.assertIn("series torch (2 points)", repr(actviz.series([0, 1], {"torch": [0, 1]})))


@unittest.skipIf(DisplayFormatter is None, "IPython is not installed (apt install python3-ipython)")
class IPythonDisplayTest(unittest.TestCase):
    def test_ipython_formats_the_actviz_mime_and_text(self):
        InteractiveShell.instance()
        data, _metadata = DisplayFormatter().format(actviz.plot("gelu(x)", range=(-4, 4)))
        self.assertEqual(data["application/vnd.actviz.v1+json"]["range"], [-4.0, 4.0])
        self.assertIn("gelu(x)", data["text/plain"])

    def test_a_front_end_without_the_renderer_keeps_only_text(self):
        InteractiveShell.instance()
        data, _ = DisplayFormatter().format(actviz.plot("gelu(x)"), include={"text/plain"})
        self.assertEqual(list(data), ["text/plain"])


if __name__ == "__main__":
    unittest.main()
