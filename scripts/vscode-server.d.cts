import type { BrowserContext, Page } from 'playwright-core';

export declare const CODE_SERVER_VERSION: string;
export declare const NODE_VERSION: string;

export interface Layout {
  readonly root: string;
  readonly cacheDir: string;
  readonly nodeHome: string;
  readonly nodeBin: string;
  readonly codeServer: string;
  readonly marker: string;
  readonly installLog: string;
  readonly runDir: string;
  readonly settingsFile: string;
}
export declare const layout: Layout;

export interface WorkbenchUrlOptions {
  /** Absolute path of the folder to open. */
  folder?: string;
  /** Absolute path of an extension to load as development extension. */
  extensionDevelopmentPath?: string;
  /** Absolute path of the extension-host test entry module. */
  extensionTestsPath?: string;
}

export interface StartOptions {
  userDataDir?: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  keepSettings?: boolean;
  extraArgs?: string[];
  port?: number;
  log?: (message: string) => void;
}

export interface RunningServer {
  readonly port: number;
  readonly origin: string;
  readonly pgid: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly settingsPath: string;
  readonly logFile: string;
  readonly tmpDir: string;
  url(target?: WorkbenchUrlOptions): string;
  stop(): Promise<void>;
}

export declare function ensureInstalled(options?: { log?: (message: string) => void }): Promise<Layout>;
export declare function isInstalled(): boolean;
export declare function startServer(options?: StartOptions): Promise<RunningServer>;
export declare function installExtension(vsix: string, dirs: { userDataDir: string; extensionsDir: string }): Promise<string>;
export declare function workbenchUrl(port: number, target: WorkbenchUrlOptions): string;
export declare function chromiumPath(): string;
export declare function launchBrowser(
  profileDir: string,
  options?: { headless?: boolean; viewport?: { width: number; height: number } },
): Promise<BrowserContext>;
export declare function killGroup(pgid: number, graceMs?: number): Promise<void>;
export declare function trackGroup(pgid: number, what: string): void;
export declare function reapRun(runId: string): { pgid: number; what: string }[];
export interface ColorThemeInfo {
  readonly settingsId: string;
  readonly label: string;
  readonly uiTheme: string;
  readonly classSuffix: string;
}
export declare function findColorTheme(name: string, extraDirs?: string[]): ColorThemeInfo;
export declare function waitForSettingsTheme(page: Page, settingsPath: string, extraDirs?: string[], timeout?: number): Promise<void>;
