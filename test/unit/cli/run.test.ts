import * as assert from 'node:assert/strict';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, runCli } from '../../../src/cli/run';
import type { CliIo } from '../../../src/cli/run';

function fakeIo(overrides: Partial<CliIo> = {}): CliIo & { stdout: string; stderr: string; files: Map<string, string> } {
  const io = {
    stdout: '',
    stderr: '',
    files: new Map<string, string>(),
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    writeFile(file: string, text: string) {
      io.files.set(file, text);
    },
    ...overrides,
  };
  return io;
}

describe('cli runCli (in process)', () => {
  it('prints usage and returns 0 without arguments', () => {
    const io = fakeIo();
    assert.equal(runCli([], io), EXIT_OK);
    assert.match(io.stdout, /^actviz: /);
    assert.equal(io.stderr, '');
  });

  it('returns 2 with the command line and a caret for a usage error', () => {
    const io = fakeIo();
    assert.equal(runCli(['eval', 'x', '--points', 'many'], io), EXIT_BAD_INPUT);
    assert.equal(io.stderr, "actviz: bad number 'many': --points takes a whole number from 2 to 10000000\n  actviz eval x --points many\n                         ^~~~\n");
  });

  it('turns an unexpected failure into one line and exit 1, never a stack trace', () => {
    const io = fakeIo({
      out() {
        throw new TypeError('stdout exploded\n    at somewhere (file.js:1:1)');
      },
    });
    assert.equal(runCli(['--help'], io), EXIT_INTERNAL);
    assert.equal(io.stderr, 'actviz: internal error: stdout exploded\n');
  });

  it('survives a non-Error throw', () => {
    const io = fakeIo({
      out() {
        throw 42;
      },
    });
    assert.equal(runCli(['list'], io), EXIT_INTERNAL);
    assert.equal(io.stderr, 'actviz: internal error: 42\n');
  });

  it('writes the plot through the file writer it is given', () => {
    const io = fakeIo();
    const status = runCli(['plot', 'relu(x)', '--svg', 'out.svg', '--points', '11'], io);
    assert.equal(status, EXIT_OK, io.stderr);
    assert.match(io.files.get('out.svg') ?? '', /^<\?xml[^]*<path class="curve curve-f"[^]*<\/svg>\n$/);
    assert.equal(io.stdout, '');
  });
});
