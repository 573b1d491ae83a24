// How the invocation panel shows a record's Init Duration. Pure, so a unit test checks the label.
import type { InvocationRecord } from '../core/invoker/types';

/** `61.20 ms`, marked when more cold starts ran at once than the machine has cores (record.hostContended). */
export function initDurationLabel(record: Pick<InvocationRecord, 'report' | 'hostContended'>): string {
  const init = record.report.initDurationMs;
  if (init === undefined) return '– (warm)';
  return `${init.toFixed(2)} ms${record.hostContended ? ' (inflated by the local machine)' : ''}`;
}
