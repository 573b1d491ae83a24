// Lambda's exact log lines, billing rule and error shapes.
// START/END/REPORT: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html and
// python-logging.html (read 2026-11-26). Billing: rounded up to 1 ms; since 2025-08-01 INIT is billed
// for on-demand managed runtimes (aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/).
// Errors: runtimes-api.html, nodejs-exceptions.html, python-exceptions.html (read 2026-11-26).
import type { InvocationError, Report } from './types';

/** `START RequestId: <id> Version: $LATEST` */
export function startLine(requestId: string, version = '$LATEST'): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

/** `END RequestId: <id>` */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/**
 * The tab-separated REPORT line; Init Duration only on cold starts. When the platform ended the call the line
 * ends with `Status: timeout` or `Status: error\tError Type: <type>` (CloudWatch lines in public reports,
 * 2026; the Telemetry API's platform.report `status`/`errorType` fields:
 * https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html, read 2026-11-27).
 */
export function reportLine(requestId: string, r: Report): string {
  let line = `REPORT RequestId: ${requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${r.billedDurationMs} ms\tMemory Size: ${r.memorySizeMb} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB`;
  if (r.initDurationMs !== undefined) line += `\tInit Duration: ${r.initDurationMs.toFixed(2)} ms`;
  if (r.status) line += `\tStatus: ${r.status}`;
  if (r.status === 'error' && r.errorType) line += `\tError Type: ${r.errorType}`;
  return line;
}

/**
 * `INIT_START Runtime Version: <runtime>:<version>\tRuntime Version ARN: <arn>`, once per new environment
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-identify.html, read 2026-11-27).
 * Locally the version names the interpreter that really runs (a model: `.local`, not a Lambda release).
 */
export function initStartLine(runtime: string, interpreterVersion: string, region: string): string {
  const [major, minor] = interpreterVersion.split('.');
  const id = runtime === 'nodejs' ? `nodejs:${major}` : runtime === 'python' ? `python:${major}.${minor}` : 'provided:al2023';
  return `INIT_START Runtime Version: ${id}.local\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:local-${runtime}-${interpreterVersion || 'custom'}`;
}

/**
 * `INIT_REPORT Init Duration: <ms>\tPhase: init\tStatus: <status>[\tError Type: <type>]`: the one line Lambda
 * writes for a failed INIT (lambda-runtime-environment.html; Telemetry API platform.initReport, read 2026-11-27).
 */
export function initReportLine(initMs: number, status: 'timeout' | 'error', errorType?: string): string {
  return `INIT_REPORT Init Duration: ${initMs.toFixed(2)} ms\tPhase: init\tStatus: ${status}${status === 'error' && errorType ? `\tError Type: ${errorType}` : ''}`;
}

/** Rounds to the two decimals Lambda prints. */
export function round2(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Billed Duration: ceil to 1 ms of Duration (+ Init Duration under the 2025 rule). Docs example: ceil(15.74 + 130.49) = 147. */
export function billedMs(durationMs: number, initDurationMs: number | undefined, rule: '2025' | 'legacy'): number {
  const total = round2(durationMs) + (rule === '2025' && initDurationMs !== undefined ? round2(initDurationMs) : 0);
  return Math.max(1, Math.ceil(round2(total) - 1e-9));
}

/** Builds the Report for one invocation. */
export function makeReport(durationMs: number, initDurationMs: number | undefined, memorySizeMb: number, peakKb: number, rule: '2025' | 'legacy'): Report {
  const report: Report = {
    durationMs: round2(durationMs),
    billedDurationMs: billedMs(durationMs, initDurationMs, rule),
    memorySizeMb,
    maxMemoryUsedMb: Math.ceil(peakKb / 1024),
  };
  if (initDurationMs !== undefined) report.initDurationMs = round2(initDurationMs);
  return report;
}

/** `Task timed out after 3.00 seconds`, as Lambda writes it. */
export function timeoutMessage(timeoutSec: number): string {
  return `Task timed out after ${timeoutSec.toFixed(2)} seconds`;
}

/** Error returned when the function times out (the sandbox is killed and replaced). */
export function timeoutError(requestId: string, timeoutSec: number): InvocationError {
  return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: ${timeoutMessage(timeoutSec)}` };
}

/** Error returned when the sandbox exceeded Memory Size and was killed. */
export function outOfMemoryError(requestId: string): InvocationError {
  return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` };
}

/** Error returned when the runtime process exited during an invocation (process.exit, sys.exit, crash). */
export function exitError(requestId: string, code: number | null, signal: NodeJS.Signals | null): InvocationError {
  const reason = signal
    ? `Runtime exited with error: signal: ${signalName(signal)}`
    : code === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${code}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}

/** Go's signal names, which Lambda's messages use (`signal: killed`, `signal: aborted`). */
function signalName(signal: NodeJS.Signals): string {
  const names: Partial<Record<NodeJS.Signals, string>> = { SIGKILL: 'killed', SIGABRT: 'aborted', SIGSEGV: 'segmentation fault', SIGTERM: 'terminated', SIGINT: 'interrupt' };
  return names[signal] ?? signal;
}

/** The invoke API's throttling error (HTTP 429). */
export function throttleError(): InvocationError {
  return { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' };
}
