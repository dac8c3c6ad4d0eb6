/** CSS of ActViz outputs, installed once per notebook document; colours follow VS Code's theme variables. */
export const rendererStyles = `
.actviz-output { font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground, inherit); padding: 4px 0; }
.actviz-plot { width: 100%; position: relative; }
.actviz-placeholder { height: 100%; display: flex; align-items: center; justify-content: center; opacity: 0.7;
  border: 1px dashed var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.4)); box-sizing: border-box; }
.actviz-sliders { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 4px 0; }
.actviz-slider { display: inline-flex; align-items: center; gap: 6px; }
.actviz-slider-name { font-family: var(--vscode-editor-font-family, monospace); }
.actviz-slider input[type=range] { width: 160px; accent-color: var(--vscode-button-background, currentColor); }
.actviz-slider-value { min-width: 4.5em; font-variant-numeric: tabular-nums; }
.actviz-slider-default { opacity: 0.7; font-size: 0.9em; }
.actviz-notes { margin: 6px 4px 0; padding-left: 18px; color: var(--vscode-editorWarning-foreground, #bf8803); }
.actviz-error { border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100);
  background: var(--vscode-inputValidation-errorBackground, rgba(190, 17, 0, 0.08)); color: var(--vscode-foreground, inherit);
  padding: 8px 12px; margin: 4px 0; border-radius: 2px; }
.actviz-error-heading { font-weight: 600; margin-bottom: 4px; color: var(--vscode-errorForeground, #f14c4c); }
.actviz-error-list { margin: 0; padding-left: 18px; }
.actviz-error-path { font-family: var(--vscode-editor-font-family, monospace); }
.actviz-error-source { margin: 4px 0 2px; font-family: var(--vscode-editor-font-family, monospace); white-space: pre;
  overflow-x: auto; color: var(--vscode-foreground, inherit); }
`;
