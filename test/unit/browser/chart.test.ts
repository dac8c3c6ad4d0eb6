import * as assert from 'node:assert/strict';
import { Chart } from '../../../src/browser/chart';
import type { PlotlyLike } from '../../../src/browser/chart';
import type { Figure } from '../../../src/shared/figure';

/** A Plotly stand-in whose next calls can be told to fail. */
function fakePlotly(failures: { newPlot?: number; react?: number }) {
  const calls: string[] = [];
  const plotly: PlotlyLike = {
    async newPlot() {
      calls.push('newPlot');
      if ((failures.newPlot ?? 0) > 0) {
        failures.newPlot = (failures.newPlot ?? 0) - 1;
        throw new Error('newPlot failed');
      }
      return undefined;
    },
    async react() {
      calls.push('react');
      if ((failures.react ?? 0) > 0) {
        failures.react = (failures.react ?? 0) - 1;
        throw new Error('react failed');
      }
      return undefined;
    },
    purge() {
      calls.push('purge');
    },
    async toImage() {
      return '';
    },
  };
  return { plotly, calls };
}

const figure = { data: [], layout: {} } as unknown as Figure;
const element = {} as HTMLElement;
const immediately = (callback: () => void) => callback();

describe('Chart', () => {
  const originalError = console.error;
  let logged: unknown[][] = [];
  beforeEach(() => {
    logged = [];
    console.error = (...args: unknown[]) => void logged.push(args);
  });
  afterEach(() => {
    console.error = originalError;
  });

  it('rejects a failed render but still draws the next one', async () => {
    const { plotly, calls } = fakePlotly({ newPlot: 1 });
    const chart = await Chart.create(element, { plotly, requestFrame: immediately });
    await assert.rejects(chart.render(figure), /newPlot failed/);
    await chart.render(figure);
    assert.deepEqual(calls, ['newPlot', 'newPlot']);
    assert.equal(chart.renderCount, 1);
  });

  it('keeps scheduling after a scheduled react fails, and settles', async () => {
    const { plotly, calls } = fakePlotly({ react: 1 });
    const chart = await Chart.create(element, { plotly, requestFrame: immediately });
    await chart.render(figure);
    chart.schedule(() => figure);
    await chart.settled();
    chart.schedule(() => figure);
    await chart.settled();
    assert.deepEqual(calls, ['newPlot', 'react', 'react']);
    assert.equal(chart.renderCount, 2);
    assert.equal(logged.length, 1, 'the failed scheduled render is logged once');
  });

  it('logs a figure builder that throws and keeps scheduling', async () => {
    const { plotly, calls } = fakePlotly({});
    const chart = await Chart.create(element, { plotly, requestFrame: immediately });
    chart.schedule(() => {
      throw new Error('bad figure');
    });
    await chart.settled();
    chart.schedule(() => figure);
    await chart.settled();
    assert.deepEqual(calls, ['newPlot']);
    assert.equal(logged.length, 1);
  });
});
