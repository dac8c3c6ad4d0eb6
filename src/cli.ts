// ActViz command line: `actviz eval|plot|list …` over the math core (see `actviz --help`).
import { writeFileSync } from 'node:fs';
import { EXIT_INTERNAL, runCli } from './cli/run';

// A closed pipe (`actviz eval … | head`) is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`actviz: cannot write output: ${error.message}\n`);
  process.exit(EXIT_INTERNAL);
});

try {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  });
} catch (error) {
  process.stderr.write(`actviz: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  process.exitCode = EXIT_INTERNAL;
}
