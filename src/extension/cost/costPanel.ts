// The single Cost panel: creates or restores it, computes the model on the host (pure core/cost) and
// answers the page's edits. The last computed model is kept as a test hook (returned by the command).
import * as vscode from 'vscode';
import { buildCostModel, normalizeScenario, scenarioFromMeasurements, type CostModel, type CostScenario } from '../../core/cost';
import { COST_VIEW_TYPE, type CostHostMessage, type CostWebviewMessage, type OpenCostArgs } from '../../shared/costProtocol';
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
    return this.setScenario(scenario, 0);
  }

  /** Adopts a panel VS Code restored after a reload (called by the serializer). */
  restore(panel: vscode.WebviewPanel, scenario: CostScenario | undefined): void {
    this.panel?.dispose();
    panel.webview.options = this.options();
    this.attach(panel);
    // Saved page state is only shape-checked by migrateCostState(); clamp it like any page input.
    this.setScenario(normalizeScenario(scenario) ?? normalizeScenario(this.memento.get(LAST_SCENARIO_KEY)) ?? scenarioFromMeasurements(EXAMPLE), 0);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.html = costHtml(panel.webview, this.extensionUri);
    const subs = [
      panel.webview.onDidReceiveMessage((m: CostWebviewMessage) => this.onMessage(m)),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
  }

  /** Recomputes the model, remembers the scenario and posts the model once the page is ready. */
  private setScenario(scenario: CostScenario, requestId: number): CostModel {
    const model = buildCostModel(scenario);
    this.scenario = scenario;
    this.model = model;
    void this.memento.update(LAST_SCENARIO_KEY, scenario);
    if (this.panel) this.panel.title = `Cost: ${scenario.functionName ?? 'function'}`;
    if (this.ready) this.post({ type: 'model', requestId, model });
    return model;
  }

  private onMessage(m: CostWebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.model) this.post({ type: 'model', requestId: 0, model: this.model });
        return;
      case 'update':
        try {
          // The page is untrusted input like any other: clamp it before pricing.
          const scenario = normalizeScenario(m.scenario);
          if (!scenario) throw new Error('The inputs need at least one duration.');
          this.setScenario(scenario, m.requestId);
        } catch (err) {
          log.warn(`could not price the scenario: ${err instanceof Error ? err.message : String(err)}`);
          this.post({ type: 'error', requestId: m.requestId, message: err instanceof Error ? err.message : String(err) });
        }
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
