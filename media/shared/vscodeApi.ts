// The webview side of VS Code's messaging, typed by each page's protocol (src/shared/*Protocol.ts).

/** What `acquireVsCodeApi()` returns, with the page's message and state types. */
export interface VsCodeApi<ToHost, State> {
  postMessage(message: ToHost): void;
  getState(): unknown;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

/** Acquires the API (VS Code allows this once per page: call it once, at the top of main.ts). */
export function vscodeApi<ToHost, State>(): VsCodeApi<ToHost, State> {
  return acquireVsCodeApi() as VsCodeApi<ToHost, State>;
}
