// "Serverless Lab: Run Load…": asks for N, an arrival pattern, a rate and a concurrency limit, runs
// the load for real through the runtime service with cancellable progress, and shows the results.
import * as vscode from 'vscode';
import { validateLoadPlan, type ArrivalPattern, type LoadPlan } from '../../core/run/loadPlan';
import { runLoad } from '../../core/run/loadRunner';
import { samplesToCsv, summarizeLoad } from '../../core/run/loadStats';
import type { LoadRunView } from '../../shared/invocationProtocol';
import { assertTrusted, type RunService } from './runService';

/** Asks for a load plan; undefined when cancelled. */
async function askPlan(): Promise<LoadPlan | undefined> {
  const num = (min: number, max: number, integer: boolean) => (v: string): string | undefined => {
    const n = Number(v);
    return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)) ? undefined : `Enter ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`;
  };
  const count = await vscode.window.showInputBox({ title: 'Run Load (1/4): invocations', value: '50', validateInput: num(1, 10_000, true) });
  if (!count) return undefined;
  const patterns: (vscode.QuickPickItem & { pattern: ArrivalPattern })[] = [
    { label: 'Burst', description: 'all at once: watch sandboxes scale out', pattern: 'burst' },
    { label: 'Constant rate', description: 'evenly spaced arrivals', pattern: 'constant' },
    { label: 'Poisson', description: 'random arrivals at an average rate', pattern: 'poisson' },
  ];
  const pattern = await vscode.window.showQuickPick(patterns, { title: 'Run Load (2/4): arrival pattern', ignoreFocusOut: true });
  if (!pattern) return undefined;
  let rate = '1';
  if (pattern.pattern !== 'burst') {
    const r = await vscode.window.showInputBox({ title: 'Run Load (3/4): arrivals per second', ignoreFocusOut: true, value: '10', validateInput: num(0.01, 1000, false) });
    if (!r) return undefined;
    rate = r;
  }
  const concurrency = await vscode.window.showInputBox({ title: 'Run Load (4/4): concurrency limit (max in flight)', ignoreFocusOut: true, value: '10', validateInput: num(1, 1000, true) });
  if (!concurrency) return undefined;
  return { count: Number(count), pattern: pattern.pattern, ratePerSec: Number(rate), concurrency: Number(concurrency) };
}

/** Runs a load against a handler; resolves with the results (also shown in the panel). */
export async function runLoadCommand(run: RunService, uri: vscode.Uri, handlerName: string, givenPlan?: LoadPlan): Promise<LoadRunView | undefined> {
  assertTrusted();
  const plan = givenPlan ?? (await askPlan());
  if (!plan) return undefined;
  const problems = validateLoadPlan(plan);
  if (problems.length) throw new Error(problems.join(' '));
  const resolved = await run.resolve(uri, handlerName);
  const { config, trigger } = resolved;
  const { event } = run.defaultEvent(config.name, trigger);
  const runtime = await run.host.runtime();
  const causationId = `load-${Date.now().toString(36)}`;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Load on ${config.name}`, cancellable: true },
    async (progress, token) => {
      const signal = { get aborted() { return token.isCancellationRequested; } };
      let reported = 0;
      const target = {
        invoke: () => runtime.invokeResolved(resolved, event, { source: 'load', causationId }),
        sandboxCount: () => run.host.sandboxCount(config.name),
        onSandboxCountChange: (listener: () => void) => {
          const sub = run.host.onDidChangeSandboxCount(listener);
          return () => sub.dispose();
        },
      };
      return runLoad(plan, target, {
        signal,
        onProgress: (done, total) => {
          const pct = (done / total) * 100;
          progress.report({ increment: pct - reported, message: `${done}/${total} invocations, ${run.host.sandboxCount(config.name)} sandboxes` });
          reported = pct;
        },
      });
    },
  );
  const load: LoadRunView = { functionName: config.name, plan, samples: result.samples, alive: result.alive, summary: summarizeLoad(result.samples, result.alive), cancelled: result.cancelled, at: Date.now() };
  await run.history.setLastLoad(load);
  return load;
}

/** Saves the last load run as CSV or JSON where the user chooses. */
export async function exportLoad(load: LoadRunView | undefined, format: 'csv' | 'json'): Promise<void> {
  if (!load) throw new Error('No load run to export yet: run "Serverless Lab: Run Load…" first.');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `load-${load.functionName}-${new Date(load.at).toISOString().replace(/[:.]/g, '-')}.${format}`;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] } });
  if (!target) return;
  const text = format === 'csv' ? samplesToCsv(load.samples) : JSON.stringify(load, null, 2);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Serverless Lab: saved ${vscode.workspace.asRelativePath(target)}.`);
}
