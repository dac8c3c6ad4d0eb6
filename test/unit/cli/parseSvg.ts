import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

/** Parses as XML (not HTML), so a malformed document shows up as a parsererror. */
export function parseSvg(text: string): Document {
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  assert.equal(error, undefined, `well-formed SVG: ${error?.textContent ?? ''}`);
  assert.equal(doc.documentElement.tagName, 'svg');
  assert.equal(doc.documentElement.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
  return doc;
}
