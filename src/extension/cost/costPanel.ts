// The single Cost panel: creates or restores it, computes the model on the host (pure core/cost) and
// answers the page's edits. The last computed model is kept as a test hook (returned by the command).
import * as vscode from 'vscode';
import { buildCostModel, normalizeScenario, scenarioFromMeasurements, type CostModel, type CostScenario } from '../../core/cost';
import { COST_VIEW_TYPE, COST_WEBVIEW_SCHEMA, type CostHostMessage, type CostWebviewMessage, type OpenCostArgs } from '../../shared/costProtocol';
import { answerRequest, parseMessage } from '../../shared/webviewMessaging';
import { getLogger } from '../log';
import { costHtml } from './costHtml';

const log = getLogger('cost');
const LAST_SCENARIO_KEY = 'serverlessLab.cost.lastScenario';

/** Example inputs when the panel opens with no measured runs (labelled as such in the page). */
const EXAMPLE: OpenCostArgs = { durationsMs: [120], maxMemoryUsedMb: 64, memoryMb: 128, coldFraction: 0.01, initMs: 150, functionName: 'example (no measured runs)' };

/** Owns the Cost panel and its model. */
export class CostPanelManager implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private scenario?: CostScenario;
  private model?: CostModel;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly memento: vscode.Memento,
  ) {}

  /** The last model computed (what the page shows); a hook for integration tests. */
  get lastModel(): CostModel | undefined {
    return this.model;
  }

  /** Opens (or reveals) the panel; with `args` the inputs are replaced by those measurements. */
  open(args?: OpenCostArgs): CostModel {
    const scenario = args ? scenarioFromMeasurements(args) : (this.scenario ?? normalizeScenario(this.memento.get(LAST_SCENARIO_KEY)) ?? scenarioFromMeasurements(EXAMPLE));
    if (!this.panel) this.attach(vscode.window.createWebviewPanel(COST_VIEW_TYPE, 'Cost', vscode.ViewColumn.Active, this.options()));
    else this.panel.reveal(undefined, false);
    return this.setScenario(scenario, true);
  }

  /** Adopts a panel VS Code restored after a reload (called by the serializer). */
  restore(panel: vscode.WebviewPanel, scenario: CostScenario | undefined): void {
    this.panel?.dispose();
    panel.webview.options = this.options();
    this.attach(panel);
    // Saved page state is only shape-checked by migrateCostState(); clamp it like any page input.
    this.setScenario(normalizeScenario(scenario) ?? normalizeScenario(this.memento.get(LAST_SCENARIO_KEY)) ?? scenarioFromMeasurements(EXAMPLE), true);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.html = costHtml(panel.webview, this.extensionUri);
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseMessage<CostWebviewMessage>(raw, COST_WEBVIEW_SCHEMA);
        if (message) this.onMessage(message);
        else log.warn(`ignored a malformed message from the cost page: ${JSON.stringify(raw)?.slice(0, 200)}`);
      }),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
  }

  /** Recomputes the model and remembers the scenario; `push` posts it (inputs replaced by the host, not edited on the page). */
  private setScenario(scenario: CostScenario, push: boolean): CostModel {
    const model = buildCostModel(scenario);
    this.scenario = scenario;
    this.model = model;
    void this.memento.update(LAST_SCENARIO_KEY, scenario);
    if (this.panel) this.panel.title = `Cost: ${scenario.functionName ?? 'function'}`;
    if (push && this.ready) this.post({ type: 'model', model });
    return model;
  }

  private onMessage(m: CostWebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.model) this.post({ type: 'model', model: this.model });
        return;
      case 'update':
        void answerRequest(m.requestId, () => {
          // The page is untrusted input like any other: clamp it before pricing.
          const scenario = normalizeScenario(m.scenario);
          if (!scenario) throw new Error('The inputs need at least one duration.');
          return this.setScenario(scenario, false);
        }, (reply) => this.post(reply)).catch((err: unknown) => log.warn(`could not price the scenario: ${err instanceof Error ? err.message : String(err)}`));
        return;
      default: {
        const never: never = m;
        log.warn(`unknown message from the cost page: ${JSON.stringify(never)}`);
      }
    }
  }

  private post(message: CostHostMessage): void {
    void this.panel?.webview.postMessage(message).then(undefined, (err: unknown) => log.warn(`post failed: ${String(err)}`));
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
