import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { formatPlotSpecErrors, validatePlotSpec } from '../../../src/shared/plotSpec';

const repo = path.resolve(__dirname, '../../../..');
const python = process.env.PYTHON ?? '/usr/bin/python3';

/** Runs Python code with python/ on the path and returns its stdout. */
function runPython(code: string): string {
  return execFileSync(python, ['-c', code], { cwd: repo, encoding: 'utf8', env: { ...process.env, PYTHONPATH: path.join(repo, 'python') } });
}

describe('python/actviz.py', () => {
  it('passes its own unittest suite under the system Python', function () {
    this.timeout(60000);
    const result = spawnSync(python, ['-m', 'unittest', 'discover', '-s', 'test/python', '-v'], { cwd: repo, encoding: 'utf8' });
    assert.equal(result.error, undefined, `could not start ${python}: ${String(result.error)}`);
    assert.equal(result.status, 0, `python -m unittest failed:\n${result.stderr}`);
    const ran = /Ran (\d+) tests?/.exec(result.stderr);
    assert.ok(ran && Number(ran[1]) >= 15, `expected the Python suite to run its tests:\n${result.stderr}`);
  });

  it('writes payloads that the renderer accepts', function () {
    this.timeout(30000);
    const out = runPython(`
import json, math, actviz
plots = [
  actviz.plot("gelu(x)", range=(-4, 4), derivatives=(1, 2)),
  actviz.plot(["relu(x)", "silu(x)"], params={"negative_slope": 0.1}, points=500, title="<b>t</b>", framework="jax"),
  actviz.plot("softmax([1, 2, 3] / T)", params={"T": 0.5}, derivatives=()),
  actviz.plot("tanh(x)", saturation=0.01) + actviz.series([0, 1, 2], {"torch": [0, float("nan"), math.inf]}),
  actviz.series(list(range(20000)), {"big": [0.5] * 20000}),
]
print(json.dumps([p._repr_mimebundle_() for p in plots]))
`);
    const bundles = JSON.parse(out) as Record<string, unknown>[];
    assert.equal(bundles.length, 5);
    for (const bundle of bundles) {
      assert.equal(typeof bundle['text/plain'], 'string');
      const result = validatePlotSpec(bundle['application/vnd.actviz.v1+json']);
      assert.ok(result.ok, result.ok ? '' : formatPlotSpecErrors(result.errors));
    }
  });

  it('refuses in Python what the renderer would refuse', function () {
    this.timeout(30000);
    const out = runPython(`
import actviz
for kwargs in [dict(points=20001), dict(range=(1, 1)), dict(params={"__proto__": 1}), dict(title="t" * 201)]:
    try:
        actviz.plot("x", **kwargs)
        print("accepted")
    except ValueError as error:
        print("refused")
`);
    assert.deepEqual(out.trim().split('\n'), ['refused', 'refused', 'refused', 'refused']);
    for (const payload of [{ expr: 'x', points: 20001 }, { expr: 'x', range: [1, 1] }, JSON.parse('{"expr":"x","params":{"__proto__":1}}'), { expr: 'x', title: 't'.repeat(201) }]) {
      assert.equal(validatePlotSpec(payload).ok, false);
    }
  });
});
