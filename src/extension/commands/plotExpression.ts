import * as vscode from 'vscode';
import { compileSeries } from '../../shared/plotModel';
import type { PanelInfo } from '../panel/plotPanel';
import { parsePlotArgs } from './args';
import { openPlot, UserError } from './context';
import type { CommandContext } from './context';
import { describeProblem } from './problem';
import { pushRecent, readRecent, recentKey } from './recent';

/** The InputBox's verdict on the text typed so far: an error blocks Enter, a lint warning does not. */
export function validateExpression(ctx: CommandContext, text: string): vscode.InputBoxValidationMessage | undefined {
  if (text.trim() === '') return undefined;
  const compiled = compileSeries({ expr: text }, ctx.services.settings.value.defaultFramework);
  if (!compiled.ok) return { message: describeProblem(compiled.problem), severity: vscode.InputBoxValidationSeverity.Error };
  const warning = compiled.compiled.warnings[0];
  if (warning) {
    const hint = warning.suggestion ? ` → ${warning.suggestion}` : '';
    return { message: `${warning.message}${hint} (column ${warning.span.start + 1})`, severity: vscode.InputBoxValidationSeverity.Warning };
  }
  if (compiled.freeNames.length > 0) {
    return { message: `${compiled.freeNames.join(', ')}: free parameter${compiled.freeNames.length > 1 ? 's' : ''} (slider)`, severity: vscode.InputBoxValidationSeverity.Info };
  }
  return undefined;
}

type Outcome = { kind: 'accept'; value: string } | { kind: 'history' } | { kind: 'cancel' };

function inputOnce(ctx: CommandContext, value: string, recent: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    const history: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('history'), tooltip: 'Recent expressions' };
    let outcome: Outcome = { kind: 'cancel' };
    box.title = 'ActViz: Plot Expression';
    box.prompt = 'An expression of x — x*sigmoid(x), F.leaky_relu(x, 0.2), jax.nn.gelu(x) — or without x: softmax([1, 2, 3] / T)';
    box.placeholder = 'gelu(x)';
    box.value = value;
    box.valueSelection = [0, value.length];
    box.ignoreFocusOut = true;
    if (recent.length > 0) box.buttons = [history];
    const validate = (text: string): void => {
      box.validationMessage = validateExpression(ctx, text);
    };
    validate(value);
    box.onDidChangeValue(validate);
    box.onDidTriggerButton(() => {
      outcome = { kind: 'history' };
      box.hide();
    });
    box.onDidAccept(() => {
      const text = box.value.trim();
      const verdict = validateExpression(ctx, text);
      if (text === '' || verdict?.severity === vscode.InputBoxValidationSeverity.Error) {
        box.validationMessage = verdict ?? { message: 'Type an expression, e.g. gelu(x)', severity: vscode.InputBoxValidationSeverity.Error };
        return;
      }
      outcome = { kind: 'accept', value: text };
      box.hide();
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(outcome);
    });
    box.show();
  });
}

/** Asks for an expression, offering the recent ones (newest first) behind the history button. */
async function askExpression(ctx: CommandContext): Promise<string | undefined> {
  const recent = readRecent(ctx.services.context.globalState.get(recentKey));
  let value = recent[0] ?? '';
  for (;;) {
    const outcome = await inputOnce(ctx, value, recent);
    if (outcome.kind === 'accept') return outcome.value;
    if (outcome.kind === 'cancel') return undefined;
    const picked = await vscode.window.showQuickPick(recent.map((label) => ({ label })), { title: 'ActViz: Recent expressions', placeHolder: 'Pick one to edit and plot' });
    if (picked) value = picked.label;
  }
}

export async function rememberExpressions(ctx: CommandContext, expressions: readonly string[]): Promise<void> {
  let recent = readRecent(ctx.services.context.globalState.get(recentKey));
  for (const e of [...expressions].reverse()) recent = pushRecent(recent, e);
  await ctx.services.context.globalState.update(recentKey, recent);
}

/** ActViz: Plot Expression… — from arguments `{ expr, from?, to?, params?, framework? }` or an InputBox. */
export async function plotExpression(ctx: CommandContext, raw?: unknown): Promise<PanelInfo | undefined> {
  const commandStart = Date.now();
  const args = parsePlotArgs(raw);
  if (!args.ok) throw new UserError(`Plot Expression: ${args.error}`);
  if (args.value) {
    const { expr, params, framework, range, title, newPanel } = args.value;
    const series = expr.map((e) => ({ expr: e, ...(params ? { params } : {}), ...(framework ? { framework } : {}) }));
    return openPlot(ctx, series, { ...(range ? { range } : {}), ...(title ? { title } : {}), ...(framework ? { framework } : {}), ...(newPanel ? { newPanel } : {}), commandStart });
  }
  const expr = await askExpression(ctx);
  if (!expr) return undefined;
  await rememberExpressions(ctx, [expr]);
  return openPlot(ctx, [{ expr }], { commandStart: Date.now() });
}
