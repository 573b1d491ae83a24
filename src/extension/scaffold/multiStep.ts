// A small multi-step QuickPick/InputBox helper with a Back button, following the pattern of
// vscode-extension-samples' quickinput-sample (multiStepInput.ts).
import * as vscode from 'vscode';

/** Returned by a step when the user pressed Back. */
export const BACK = Symbol('back');

/** Shared title and step numbering for one wizard run. */
export interface StepInfo {
  title: string;
  step: number;
  totalSteps: number;
}

/** Shows a QuickPick; resolves the chosen item, BACK, or undefined when dismissed. */
export function pickOne<T extends vscode.QuickPickItem>(info: StepInfo, items: T[], placeholder: string, active?: T): Promise<T | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    Object.assign(qp, { ...info, placeholder, items, ignoreFocusOut: true, matchOnDetail: true, matchOnDescription: true });
    if (active) qp.activeItems = [active];
    qp.buttons = info.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    let settled = false;
    const done = (v: T | typeof BACK | undefined) => {
      if (settled) return;
      settled = true;
      resolve(v);
      qp.dispose();
    };
    qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done(BACK));
    qp.onDidAccept(() => qp.selectedItems[0] && done(qp.selectedItems[0]));
    qp.onDidHide(() => done(undefined));
    qp.show();
  });
}

/** Shows an InputBox with live validation; resolves the accepted value, BACK, or undefined. */
export function inputText(info: StepInfo, prompt: string, value: string, validate: (v: string) => string | undefined): Promise<string | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    Object.assign(box, { ...info, prompt, value, ignoreFocusOut: true, valueSelection: [0, value.length] });
    box.buttons = info.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    box.validationMessage = validate(value);
    let settled = false;
    const done = (v: string | typeof BACK | undefined) => {
      if (settled) return;
      settled = true;
      resolve(v);
      box.dispose();
    };
    box.onDidChangeValue((v) => { box.validationMessage = validate(v); });
    box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done(BACK));
    box.onDidAccept(() => {
      const message = validate(box.value);
      box.validationMessage = message;
      if (!message) done(box.value);
    });
    box.onDidHide(() => done(undefined));
    box.show();
  });
}

/**
 * Runs steps in order. A step returns 'next', 'back' or 'cancel'; a step that needs no input
 * returns 'skip', and is skipped again when the user comes back through it.
 */
export async function runSteps(steps: (() => Promise<'next' | 'back' | 'cancel' | 'skip'>)[]): Promise<boolean> {
  let i = 0;
  let direction = 1;
  while (i < steps.length) {
    if (i < 0) return false;
    const r = await steps[i]();
    if (r === 'cancel') return false;
    if (r === 'skip') {
      i += direction;
      continue;
    }
    direction = r === 'back' ? -1 : 1;
    i += direction;
  }
  return true;
}
