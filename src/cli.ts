// ActViz command line (placeholder until the core lands).
console.log('actviz');
