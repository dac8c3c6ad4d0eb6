import type { Services } from '../services';

/** Placeholder until this surface is built: registers nothing. */
export function registerNotebook(services: Services): void {
  void services;
}
