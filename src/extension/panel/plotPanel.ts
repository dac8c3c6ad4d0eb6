/**
 * The plot webview panel (webview-sample's panel shape): creation or reuse, the message exchange with its script,
 * image export requests, and revival by the serializer after a reload. The webview keeps its own state with
 * setState, so a hidden and re-shown (or restored) panel redraws without the host; the host keeps the latest model
 * it was told about for CSV export and "Copy as code".
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { decodeDataUrl, validateWebviewMessage } from '../../shared/messages';
import type { CodeTarget, ExportFormat, HostMessage, ImageFormat } from '../../shared/messages';
import { seriesLabel, validatePlotModel } from '../../shared/plotModel';
import type { PlotModel } from '../../shared/plotModel';
import { panelHtml } from './panelHtml';

/** What the panel asks of the commands when the user presses its buttons. */
export interface PanelActions {
  exportPlot(panel: PlotPanel, format: ExportFormat): Thenable<unknown>;
  copyCode(panel: PlotPanel, target: CodeTarget, copied: boolean): Thenable<unknown>;
}

/** Summary of a panel, returned by the plot commands (so hovers, notebooks and tests can follow up). */
export interface PanelInfo {
  readonly id: number;
  readonly created: boolean;
  readonly title: string;
}

interface PendingImage {
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

class Deferred {
  promise!: Promise<void>;
  resolve!: () => void;
  constructor() {
    this.promise = new Promise((resolve) => (this.resolve = resolve));
  }
}

const imageTimeoutMs = 60_000;

export class PlotPanel implements vscode.Disposable {
  static readonly viewType = 'actviz.plot';
  private static readonly open = new Set<PlotPanel>();
  private static lastActive: PlotPanel | undefined;
  private static nextId = 1;

  readonly id = PlotPanel.nextId++;
  private model: PlotModel | undefined;
  /** A model to send once the script says it is ready. */
  private outgoing: PlotModel | undefined;
  private ready = false;
  private drawn = new Deferred();
  private isDrawn = false;
  private commandStart: number | undefined;
  private readonly images = new Map<number, PendingImage>();
  private nextImageId = 1;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** Measures of the last first plot (webview performance marks plus host-side times), for logs and tests. */
  lastTimings: Readonly<Record<string, number>> | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    private readonly actions: PanelActions,
  ) {
    PlotPanel.open.add(this);
    PlotPanel.lastActive = this;
    const { extensionUri } = services.context;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.active) PlotPanel.lastActive = this;
        // Without retainContextWhenHidden the page is destroyed when hidden and reloaded when shown again.
        if (!webviewPanel.visible) this.unload();
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
    );
    panel.webview.html = panelHtml(panel.webview, extensionUri, vscode.Uri);
  }

  /** Shows `model` in the last active panel when `reuse` is set and one exists, otherwise in a new panel. */
  static show(services: Services, actions: PanelActions, model: PlotModel, options: { reuse: boolean; commandStart?: number }): PanelInfo {
    const title = PlotPanel.titleOf(model);
    const existing = options.reuse ? PlotPanel.lastActive : undefined;
    if (existing && !existing.disposed) {
      existing.commandStart = options.commandStart;
      existing.setModel(model);
      existing.panel.title = title;
      existing.panel.reveal(existing.panel.viewColumn, false);
      return { id: existing.id, created: false, title };
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const webviewPanel = vscode.window.createWebviewPanel(PlotPanel.viewType, title, { viewColumn: column, preserveFocus: false }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(services.context.extensionUri, 'dist'), vscode.Uri.joinPath(services.context.extensionUri, 'media')],
    });
    const created = new PlotPanel(webviewPanel, services, actions);
    created.commandStart = options.commandStart;
    created.setModel(model);
    return { id: created.id, created: true, title };
  }

  /**
   * Takes over a panel VS Code restored after a reload. The page restores its own state (getState); the host only
   * learns the model from it, or from `state` when the page has not run yet.
   */
  static revive(services: Services, actions: PanelActions, webviewPanel: vscode.WebviewPanel, state: unknown): PlotPanel {
    const revived = new PlotPanel(webviewPanel, services, actions);
    const saved = typeof state === 'object' && state !== null ? (state as { model?: unknown }).model : undefined;
    const model = validatePlotModel(saved);
    if (model.ok) {
      // The page normally restores itself from getState; sending the model too covers a page that has no state.
      revived.setModel(model.value);
      webviewPanel.title = PlotPanel.titleOf(model.value);
    } else if (state !== undefined && state !== null) {
      services.log.warn(`ActViz: not restoring an invalid plot state (${model.error})`);
    }
    return revived;
  }

  static serializer(services: Services, actions: PanelActions): vscode.WebviewPanelSerializer {
    return {
      async deserializeWebviewPanel(webviewPanel, state) {
        PlotPanel.revive(services, actions, webviewPanel, state);
      },
    };
  }

  /** The panel the user looked at last, if any is open. */
  static active(): PlotPanel | undefined {
    const last = PlotPanel.lastActive;
    return last && !last.disposed ? last : undefined;
  }

  static all(): readonly PlotPanel[] {
    return [...PlotPanel.open];
  }

  static titleOf(model: PlotModel): string {
    if (model.title) return `ActViz: ${model.title}`;
    const labels = model.series.map((s) => seriesLabel(s));
    const text = labels.join(', ');
    return `ActViz: ${text.length > 48 ? `${text.slice(0, 47)}…` : text}`;
  }

  /** The latest model the page reported (or was sent). */
  get current(): PlotModel | undefined {
    return this.model;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /** Sends a new model; it is drawn as soon as the page is ready. */
  setModel(model: PlotModel): void {
    this.model = model;
    this.outgoing = model;
    if (this.ready) this.flush();
  }

  /** Resolves when the page has drawn its first plot (revealing the panel first if it is hidden). */
  async whenDrawn(timeoutMs = 60_000): Promise<void> {
    if (!this.panel.visible) this.panel.reveal(this.panel.viewColumn, true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the plot panel did not finish drawing')), timeoutMs);
    });
    try {
      await Promise.race([this.drawn.promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Asks the page for an image of the plot as it looks now. */
  async requestImage(format: ImageFormat, width: number, height: number): Promise<Uint8Array> {
    await this.whenDrawn();
    const id = this.nextImageId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.images.delete(id);
        reject(new Error(`the plot panel did not produce the ${format.toUpperCase()} in time`));
      }, imageTimeoutMs);
      this.images.set(id, { resolve, reject, timer });
      this.post({ type: 'exportImage', id, format, width, height });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    PlotPanel.open.delete(this);
    if (PlotPanel.lastActive === this) PlotPanel.lastActive = [...PlotPanel.open].pop();
    for (const pending of this.images.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error('the plot panel was closed'));
    }
    this.images.clear();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private unload(): void {
    this.ready = false;
    if (this.isDrawn) {
      this.isDrawn = false;
      this.drawn = new Deferred();
    }
  }

  private flush(): void {
    const model = this.outgoing;
    if (!model) return;
    this.outgoing = undefined;
    this.post({ type: 'show', model, ...(this.commandStart !== undefined ? { commandAt: this.commandStart } : {}) });
  }

  private post(message: HostMessage): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.services.log.warn(`ActViz: could not post ${message.type} to the plot panel: ${String(error)}`);
    });
  }

  private receive(raw: unknown): void {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.services.log.warn(`ActViz: ignored a message from the plot panel: ${checked.error}`);
      return;
    }
    const message = checked.value;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.flush();
        break;
      case 'state':
        this.model = message.model;
        this.panel.title = PlotPanel.titleOf(message.model);
        break;
      case 'rendered': {
        const timings: Record<string, number> = { ...message.timings };
        if (this.commandStart !== undefined) timings['host:command-to-first-plot'] = Date.now() - this.commandStart;
        this.commandStart = undefined;
        this.lastTimings = timings;
        const text = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ');
        this.services.log.info(`ActViz: first plot in panel ${this.id}: ${text}`);
        this.isDrawn = true;
        this.drawn.resolve();
        break;
      }
      case 'image': {
        const pending = this.images.get(message.id);
        if (!pending) break;
        this.images.delete(message.id);
        clearTimeout(pending.timer);
        const bytes = message.dataUrl ? decodeDataUrl(message.dataUrl) : undefined;
        if (bytes) pending.resolve(bytes);
        else pending.reject(new Error(message.error ?? `the ${message.format.toUpperCase()} could not be decoded`));
        break;
      }
      case 'requestExport':
        void Promise.resolve(this.actions.exportPlot(this, message.format)).catch(() => undefined);
        break;
      case 'copyCode':
        void Promise.resolve(this.actions.copyCode(this, message.target, message.copied === true)).catch(() => undefined);
        break;
      case 'log':
        this.services.log[message.level](`ActViz panel ${this.id}: ${message.message}`);
        break;
    }
  }
}
