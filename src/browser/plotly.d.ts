// The Plotly bundles ship no types; chart.ts narrows them to the few calls it makes (PlotlyLike).
declare module 'plotly.js-basic-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
