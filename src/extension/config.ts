import * as vscode from 'vscode';
import type { Framework } from '../core/index';

/** Every `actviz.*` setting, validated: a bad value falls back to its default instead of breaking a surface. */
export interface ActvizSettings {
  readonly defaultFramework: Framework;
  readonly plot: {
    readonly range: readonly [number, number];
    readonly samples: number;
    readonly showFirstDerivative: boolean;
    readonly showSecondDerivative: boolean;
    readonly reusePanel: boolean;
    readonly saturationThreshold: number;
  };
  readonly hover: {
    readonly enabled: boolean;
    readonly languages: readonly string[];
    readonly showDerivative: boolean;
    readonly range: readonly [number, number];
    readonly imageWidth: number;
    readonly imageHeight: number;
  };
}

export const defaultSettings: ActvizSettings = {
  defaultFramework: 'torch',
  plot: { range: [-5, 5], samples: 1000, showFirstDerivative: true, showSecondDerivative: false, reusePanel: true, saturationThreshold: 0.01 },
  hover: {
    enabled: true,
    languages: ['python', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'markdown', 'json', 'jsonc', 'yaml'],
    showDerivative: true,
    range: [-4, 4],
    imageWidth: 240,
    imageHeight: 120,
  },
};

type Getter = (key: string) => unknown;

const frameworks: readonly Framework[] = ['torch', 'tf', 'keras', 'jax'];

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function int(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

function num(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function range(value: unknown, limit: number, fallback: readonly [number, number]): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) return fallback;
  const [from, to] = value as unknown[];
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;
  return ok(from) && ok(to) && from < to ? [from, to] : fallback;
}

function strings(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : fallback;
}

/** Pure: reads settings through `get` (relative keys such as 'plot.samples') and validates each one. */
export function readSettings(get: Getter): ActvizSettings {
  const d = defaultSettings;
  const framework = get('defaultFramework');
  return {
    defaultFramework: frameworks.includes(framework as Framework) ? (framework as Framework) : d.defaultFramework,
    plot: {
      range: range(get('plot.range'), 1e6, d.plot.range),
      samples: int(get('plot.samples'), 10, 20000, d.plot.samples),
      showFirstDerivative: bool(get('plot.showFirstDerivative'), d.plot.showFirstDerivative),
      showSecondDerivative: bool(get('plot.showSecondDerivative'), d.plot.showSecondDerivative),
      reusePanel: bool(get('plot.reusePanel'), d.plot.reusePanel),
      saturationThreshold: num(get('plot.saturationThreshold'), 0, 1, d.plot.saturationThreshold),
    },
    hover: {
      enabled: bool(get('hover.enabled'), d.hover.enabled),
      languages: strings(get('hover.languages'), d.hover.languages),
      showDerivative: bool(get('hover.showDerivative'), d.hover.showDerivative),
      range: range(get('hover.range'), 1000, d.hover.range),
      imageWidth: int(get('hover.imageWidth'), 80, 800, d.hover.imageWidth),
      imageHeight: int(get('hover.imageHeight'), 40, 400, d.hover.imageHeight),
    },
  };
}

/** The current settings, re-read when the user changes any `actviz.*` value. */
export class Settings implements vscode.Disposable {
  private current: ActvizSettings;
  private readonly changed = new vscode.EventEmitter<ActvizSettings>();
  private readonly subscription: vscode.Disposable;
  /** Fires after the settings were re-read. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.current = Settings.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('actviz')) return;
      this.current = Settings.read();
      this.changed.fire(this.current);
    });
  }

  get value(): ActvizSettings {
    return this.current;
  }

  private static read(): ActvizSettings {
    const config = vscode.workspace.getConfiguration('actviz');
    return readSettings((key) => config.get(key));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
