// plotly.js-dist-min ships no types; chart.ts narrows it to the few calls it makes (PlotlyLike).
declare module 'plotly.js-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
