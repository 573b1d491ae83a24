// "Save as rule": asks where (a template, then a new rule resource or an event on a function, the
// target or bus, and a name that clashes with nothing), then inserts the rule through one WorkspaceEdit,
// so it is undoable and nothing else in the file changes.
import * as vscode from 'vscode';
import { planRuleInsertion, SaveRuleError, templateResources, type SaveRuleRequest, type TemplateResource } from '../../core/eventing/playground/saveRule';

/** A rule request without its pattern (the playground supplies it). */
export type RuleSpec = Omit<Extract<SaveRuleRequest, { kind: 'resource' }>, 'pattern'> | Omit<Extract<SaveRuleRequest, { kind: 'functionEvent' }>, 'pattern'>;

/** Arguments for tests and links: skip the pickers. */
export interface SaveAsRuleArgs {
  template: vscode.Uri;
  request: RuleSpec;
}

const EXCLUDE = '**/{node_modules,.aws-sam,.serverless-lab}/**';

async function pickTemplate(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/template.{yaml,yml}', EXCLUDE, 50);
  if (!found.length) throw new Error('No template.yaml in this workspace: create one (Serverless Lab: Export to AWS SAM) and save the rule again.');
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: 'Save as Rule: which template?' });
  return pick?.uri;
}

const icon: Record<TemplateResource['type'], string> = { function: '$(symbol-function)', queue: '$(inbox)', topic: '$(broadcast)', bus: '$(arrow-swap)' };

async function askRequest(text: string): Promise<RuleSpec | undefined> {
  const resources = templateResources(text);
  const functions = resources.filter((r) => r.type === 'function');
  type Shape = vscode.QuickPickItem & { fn?: TemplateResource };
  const shape = await vscode.window.showQuickPick<Shape>([
    { label: '$(symbol-event) New AWS::Events::Rule resource', detail: 'A rule with one target: a function, queue, topic or bus of this template' },
    ...functions.map((fn) => ({ label: `${icon.function} EventBridgeRule event on ${fn.logicalId}`, detail: 'SAM creates the rule and the permission for this function', fn })),
  ], { title: 'Save as Rule: what to add', ignoreFocusOut: true });
  if (!shape) return undefined;
  let target: TemplateResource | undefined;
  if (!shape.fn) {
    const targets = resources;
    if (!targets.length) throw new Error('The template has no function, queue, topic or bus to target: add one first.');
    const pick = await vscode.window.showQuickPick(targets.map((r) => ({ label: `${icon[r.type]} ${r.logicalId}`, description: r.type, r })), { title: 'Save as Rule: target', ignoreFocusOut: true });
    if (!pick) return undefined;
    target = pick.r;
  }
  const buses = resources.filter((r) => r.type === 'bus' && r.logicalId !== target?.logicalId);
  let busLogicalId: string | undefined;
  if (buses.length) {
    const pick = await vscode.window.showQuickPick([{ label: 'default', description: 'the account\'s default bus', id: undefined as string | undefined }, ...buses.map((b) => ({ label: b.logicalId, description: 'custom bus', id: b.logicalId as string | undefined }))], { title: 'Save as Rule: which bus does the rule listen on?', ignoreFocusOut: true });
    if (!pick) return undefined;
    busLogicalId = pick.id;
  }
  const draft = (name: string): RuleSpec => (shape.fn
    ? { kind: 'functionEvent', functionLogicalId: shape.fn.logicalId, eventName: name, busLogicalId }
    : { kind: 'resource', logicalId: name, target: { logicalId: (target as TemplateResource).logicalId, type: (target as TemplateResource).type }, busLogicalId });
  const name = await vscode.window.showInputBox({
    title: shape.fn ? 'Save as Rule: event name' : 'Save as Rule: logical id of the rule',
    ignoreFocusOut: true,
    value: 'PatternRule',
    validateInput: (value) => {
      try {
        planRuleInsertion(text, { ...draft(value), pattern: { source: ['x'] } } as SaveRuleRequest);
        return undefined;
      } catch (err) {
        return err instanceof SaveRuleError ? err.message : String(err);
      }
    },
  });
  return name ? draft(name) : undefined;
}

/** Runs Save as rule for `pattern`; returns the template's URI when the rule was written. */
export async function saveAsRule(pattern: unknown, args?: SaveAsRuleArgs): Promise<vscode.Uri | undefined> {
  const uri = args?.template ?? (await pickTemplate());
  if (!uri) return undefined;
  const doc = await vscode.workspace.openTextDocument(uri);
  const request = args?.request ?? (await askRequest(doc.getText()));
  if (!request) return undefined;
  const plan = planRuleInsertion(doc.getText(), { ...request, pattern } as SaveRuleRequest);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, doc.positionAt(plan.offset), plan.insert);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`${vscode.workspace.asRelativePath(uri)} could not be edited (is it read-only?)`);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const at = new vscode.Position(plan.line, 0);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
  void vscode.window.setStatusBarMessage(`Serverless Lab: rule added to ${vscode.workspace.asRelativePath(uri)} (not saved yet: review it, then save)`, 5000);
  return uri;
}
