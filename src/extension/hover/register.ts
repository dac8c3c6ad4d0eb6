import type { Services } from '../services';

/** Placeholder until this surface is built: registers nothing. */
export function registerHover(services: Services): void {
  void services;
}
