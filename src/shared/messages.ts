/**
 * The plot panel's message protocol, both directions, and the validators each side runs on receipt. Nothing that
 * arrives through postMessage is trusted: unknown types, wrong shapes and oversized payloads are rejected with a
 * reason the receiver logs.
 */
import { validatePlotModel } from './plotModel';
import type { PlotModel, Validation } from './plotModel';

export type ImageFormat = 'png' | 'svg';
export type ExportFormat = ImageFormat | 'csv';
export type CodeTarget = 'torch' | 'keras' | 'jax';

export const exportFormats: readonly ExportFormat[] = ['png', 'svg', 'csv'];
export const codeTargets: readonly CodeTarget[] = ['torch', 'keras', 'jax'];

/** A PNG of a large plot at scale 2 is a few MB; anything far beyond that is not an image we made. */
export const maxImageDataLength = 40 * 1024 * 1024;
const maxTextLength = 2000;

// #region host → webview

/** Show this model (a new plot, or the restored one). */
export interface ShowMessage {
  readonly type: 'show';
  readonly model: PlotModel;
  /** When the command that opened this plot ran (epoch ms), so the page can time the whole way to its first plot. */
  readonly commandAt?: number;
}

/** Render the current plot as an image and send it back as `image` with the same id. */
export interface ExportImageMessage {
  readonly type: 'exportImage';
  readonly id: number;
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

export type HostMessage = ShowMessage | ExportImageMessage;

// #endregion
// #region webview → host

/** The script runs and can take a model. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** The model after a user change (slider, zoom, toggle), for export and "Copy as code". */
export interface StateMessage {
  readonly type: 'state';
  readonly model: PlotModel;
}

/** The first plot is drawn; performance measures of this page in ms. */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly timings: Readonly<Record<string, number>>;
}

/** Answer to `exportImage`: a data URL, or why it failed. */
export interface ImageMessage {
  readonly type: 'image';
  readonly id: number;
  readonly format: ImageFormat;
  readonly dataUrl?: string;
  readonly error?: string;
}

/** The user pressed an export button in the panel. */
export interface RequestExportMessage {
  readonly type: 'requestExport';
  readonly format: ExportFormat;
}

/** The user asked for the current functions as framework code. */
export interface CopyCodeMessage {
  readonly type: 'copyCode';
  readonly target: CodeTarget;
  /** The page already put the code on the clipboard (it has the click's user activation); the host only confirms. */
  readonly copied?: boolean;
}

/** Something for the ActViz log (webview errors would otherwise vanish). */
export interface LogMessage {
  readonly type: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

export type WebviewMessage = ReadyMessage | StateMessage | RenderedMessage | ImageMessage | RequestExportMessage | CopyCodeMessage | LogMessage;

// #endregion

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function field(message: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(message, key) ? message[key] : undefined;
}

function onlyKeys(message: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(message).every((k) => keys.includes(k));
}

function fail<T>(error: string): Validation<T> {
  return { ok: false, error };
}

function messageId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function imageSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 50 && value <= 8000;
}

function typeOf(value: unknown): Validation<{ message: Record<string, unknown>; type: string }> {
  if (!isRecord(value)) return fail('a message must be an object');
  const type = field(value, 'type');
  if (typeof type !== 'string') return fail('a message needs a string type');
  return { ok: true, value: { message: value, type } };
}

/** Checks a message the webview received from the host. */
export function validateHostMessage(value: unknown): Validation<HostMessage> {
  const head = typeOf(value);
  if (!head.ok) return head;
  const { message, type } = head.value;
  switch (type) {
    case 'show': {
      if (!onlyKeys(message, ['type', 'model', 'commandAt'])) return fail('show: unknown field');
      const commandAt = field(message, 'commandAt');
      if (commandAt !== undefined && (typeof commandAt !== 'number' || !Number.isFinite(commandAt))) return fail('show: commandAt must be a time');
      const model = validatePlotModel(field(message, 'model'));
      if (!model.ok) return fail(`show: ${model.error}`);
      return { ok: true, value: { type, model: model.value, ...(commandAt !== undefined ? { commandAt } : {}) } };
    }
    case 'exportImage': {
      if (!onlyKeys(message, ['type', 'id', 'format', 'width', 'height'])) return fail('exportImage: unknown field');
      const { id, format, width, height } = { id: field(message, 'id'), format: field(message, 'format'), width: field(message, 'width'), height: field(message, 'height') };
      if (!messageId(id)) return fail('exportImage: id must be a whole number');
      if (format !== 'png' && format !== 'svg') return fail('exportImage: format must be png or svg');
      if (!imageSize(width) || !imageSize(height)) return fail('exportImage: width and height must be whole numbers from 50 to 8000');
      return { ok: true, value: { type, id, format, width, height } };
    }
    default:
      return fail(`unknown message type ${JSON.stringify(type.slice(0, 40))}`);
  }
}

/** Checks a message the host received from a panel's webview (which renders untrusted expressions). */
export function validateWebviewMessage(value: unknown): Validation<WebviewMessage> {
  const head = typeOf(value);
  if (!head.ok) return head;
  const { message, type } = head.value;
  switch (type) {
    case 'ready':
      return onlyKeys(message, ['type']) ? { ok: true, value: { type } } : fail('ready: unknown field');
    case 'state': {
      if (!onlyKeys(message, ['type', 'model'])) return fail('state: unknown field');
      const model = validatePlotModel(field(message, 'model'));
      return model.ok ? { ok: true, value: { type, model: model.value } } : fail(`state: ${model.error}`);
    }
    case 'rendered': {
      const timings = field(message, 'timings');
      if (!onlyKeys(message, ['type', 'timings']) || !isRecord(timings)) return fail('rendered: timings must be an object');
      const keys = Object.keys(timings);
      if (keys.length > 32) return fail('rendered: too many timings');
      const clean = Object.create(null) as Record<string, number>;
      for (const key of keys) {
        const v = timings[key];
        if (!/^[\w:.-]{1,64}$/.test(key) || typeof v !== 'number' || !Number.isFinite(v)) return fail('rendered: timings must map names to numbers');
        clean[key] = v;
      }
      return { ok: true, value: { type, timings: clean } };
    }
    case 'image': {
      if (!onlyKeys(message, ['type', 'id', 'format', 'dataUrl', 'error'])) return fail('image: unknown field');
      const id = field(message, 'id');
      const format = field(message, 'format');
      const dataUrl = field(message, 'dataUrl');
      const error = field(message, 'error');
      if (!messageId(id)) return fail('image: id must be a whole number');
      if (format !== 'png' && format !== 'svg') return fail('image: format must be png or svg');
      if (error !== undefined) {
        if (typeof error !== 'string') return fail('image: error must be a string');
        return { ok: true, value: { type, id, format, error: error.slice(0, maxTextLength) } };
      }
      if (typeof dataUrl !== 'string' || dataUrl.length > maxImageDataLength) return fail('image: dataUrl must be a string of bounded size');
      const prefix = format === 'png' ? /^data:image\/png;base64,/ : /^data:image\/svg\+xml[;,]/;
      if (!prefix.test(dataUrl)) return fail(`image: dataUrl is not a ${format} data URL`);
      return { ok: true, value: { type, id, format, dataUrl } };
    }
    case 'requestExport': {
      const format = field(message, 'format');
      if (!onlyKeys(message, ['type', 'format']) || !(exportFormats as readonly unknown[]).includes(format)) return fail('requestExport: format must be png, svg or csv');
      return { ok: true, value: { type, format: format as ExportFormat } };
    }
    case 'copyCode': {
      const target = field(message, 'target');
      const copied = field(message, 'copied');
      if (!onlyKeys(message, ['type', 'target', 'copied']) || !(codeTargets as readonly unknown[]).includes(target)) return fail('copyCode: target must be torch, keras or jax');
      if (copied !== undefined && typeof copied !== 'boolean') return fail('copyCode: copied must be true or false');
      return { ok: true, value: { type, target: target as CodeTarget, ...(copied !== undefined ? { copied } : {}) } };
    }
    case 'log': {
      const level = field(message, 'level');
      const text = field(message, 'message');
      if (!onlyKeys(message, ['type', 'level', 'message']) || !['info', 'warn', 'error'].includes(level as string) || typeof text !== 'string') {
        return fail('log: needs a level and a message');
      }
      return { ok: true, value: { type, level: level as LogMessage['level'], message: text.slice(0, maxTextLength) } };
    }
    default:
      return fail(`unknown message type ${JSON.stringify(type.slice(0, 40))}`);
  }
}

/** The bytes of an image data URL (base64 PNG, or URL-encoded/base64 SVG). Undefined if it is not one. */
export function decodeDataUrl(dataUrl: string): Uint8Array | undefined {
  const comma = dataUrl.indexOf(',');
  if (comma < 0) return undefined;
  const head = dataUrl.slice(0, comma);
  const body = dataUrl.slice(comma + 1);
  try {
    if (head.endsWith(';base64')) {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
      return base64Bytes(body);
    }
    return percentBytes(body);
  } catch {
    return undefined;
  }
}

function base64Bytes(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let k = 0;
  for (const ch of clean) {
    acc = (acc << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, k);
}

/** UTF-8 bytes of percent-encoded text (what `encodeURIComponent` makes of an SVG). */
function percentBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
    } else {
      const encoded = encodeURIComponent(text.codePointAt(i)! > 0xffff ? text.slice(i, i + 2) : ch);
      if (text.codePointAt(i)! > 0xffff) i++;
      for (const hex of encoded.split('%').slice(1)) out.push(parseInt(hex, 16));
    }
  }
  return Uint8Array.from(out);
}
