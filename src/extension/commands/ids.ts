/** Every command ActViz registers; the first five are contributed in package.json. */
export const CommandId = {
  /** Handler: `plotActivation` in ./plotActivation.ts */
  PlotActivation: 'actviz.plotActivation',
  /** Handler: `plotExpression` in ./plotExpression.ts */
  PlotExpression: 'actviz.plotExpression',
  /** Handler: `plotSelection` in ./plotSelection.ts */
  PlotSelection: 'actviz.plotSelection',
  /** Handler: `compareDefaults` in ./compareDefaults.ts */
  CompareDefaults: 'actviz.compareDefaults',
  /** Handler: `exportPlot` in ./exportPlot.ts */
  ExportPlot: 'actviz.exportPlot',
  /** Internal, for the integration tests: summaries of the open plot panels. */
  TestPanels: 'actviz._test.panels',
  /** Internal, for the integration tests: hands a webview panel and state to the serializer. */
  TestRevive: 'actviz._test.revive',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];
