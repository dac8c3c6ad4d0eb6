// The plot panel's script (placeholder until the panel is built).
export {};
