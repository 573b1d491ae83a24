// What the UI end-to-end runner (scripts/harness/runE2e.js) hands each spec.
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Colour themes every screenshot is taken in. */
export type ThemeName = 'light' | 'dark' | 'high-contrast';

/** The toolbox a spec receives: the workbench page plus helpers that click through it like a user. */
export interface E2EContext {
  page: Page;
  /** Absolute path of the (throwaway) workspace folder open in the workbench. */
  workspace: string;
  /** Runs a command from the Command Palette by its title, e.g. "Serverless Lab: Open Lesson…". */
  runCommand(title: string): Promise<void>;
  /** The frame of the visible webview whose DOM contains `selector` (waits for it). */
  webview(selector: string, timeoutMs?: number): Promise<FrameLocator>;
  /** Picks the Quick Pick row containing `text` (waits for it) and accepts it. */
  /** Runs a command that opens a quick pick and picks `text`, reopening the picker if a focus change closed it. */
  pickFromCommand(title: string, text: string): Promise<void>;
  pickQuickItem(text: string): Promise<void>;
  /** Switches the workbench colour theme and waits for it to apply. */
  setTheme(theme: ThemeName): Promise<void>;
  /** Saves a full-page screenshot as test-artifacts/e2e/<name>-<theme>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Fails the spec with `message` unless `condition` holds; logs passing checks. */
  check(condition: unknown, message: string): void;
  /** A check that waits: fails the spec with `message` unless `locator` becomes visible within `timeoutMs`. */
  expectVisible(locator: Locator, message: string, timeoutMs?: number): Promise<void>;
  log(...args: unknown[]): void;
}

/** A spec module exports `run`; specs run in file-name order in one workbench. */
export type E2ESpec = (t: E2EContext) => Promise<void>;
