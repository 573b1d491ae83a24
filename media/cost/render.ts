// Renders the computed model (never computes prices itself: every figure comes from the host).
import type { CostBreakdown, CostModel, GranularityRow, Provider } from '../../src/shared/costProtocol';
import { fmtNum, fmtUsd } from '../../src/shared/display';
import { ITEM_LABELS, PROVIDER_LABELS, PROVIDERS } from './charts';
import { h } from '../shared/dom';
import { expandable, table } from './dom';

const ms = (v: number) => `${fmtNum(v, 1)} ms`;

/** One provider's card: the total (`#total-<provider>`), each line expandable to its formula, notes. */
function providerCard(provider: Provider, bill: CostBreakdown): HTMLElement {
  const plan = bill.plan ? ` · ${bill.plan === 'flex' ? 'Flex Consumption' : 'Consumption'}` : bill.arch ? ` · ${bill.arch}` : '';
  const sum = bill.lines.map((l) => fmtUsd(l.usd)).join(' + ');
  const total = h('span', { id: `total-${provider}`, class: 'total', 'data-usd': String(bill.total) }, fmtUsd(bill.total));
  const lines = bill.lines.map((l) =>
    h('li', { class: l.id === 'freeTier' ? 'credit' : undefined }, expandable(h('span', {}, `${l.label}: `, h('strong', {}, fmtUsd(l.usd)), l.unconfirmed ? h('span', { class: 'badge', title: 'Uses a price that could not be confirmed at a primary source' }, 'unconfirmed') : undefined), l.formula, h('small', {}, `Source: ${l.sources.join(', ')}`))),
  );
  return h(
    'article',
    { class: 'card', 'aria-labelledby': `title-${provider}` },
    h('h3', { id: `title-${provider}` }, PROVIDER_LABELS[provider], h('span', { class: 'muted' }, plan)),
    expandable(h('span', {}, total, h('span', { class: 'muted' }, ' per month')), `total = ${sum} = ${fmtUsd(bill.total)} (full precision: ${bill.total})`),
    h('p', { class: 'muted' }, `Billed ${ms(bill.billing.billedMs)} for ${ms(bill.billing.actualMs)} used (${bill.billing.rule}), on ${fmtNum(bill.billing.billedMemoryMb)} MB.`),
    h('ul', { class: 'lines' }, ...lines),
    bill.notes.length ? h('ul', { class: 'notes' }, ...bill.notes.map((n) => h('li', {}, n))) : undefined,
  );
}

/** The three bills side by side. */
export function renderTotals(model: CostModel): HTMLElement {
  return h('div', { class: 'cards' }, ...PROVIDERS.map((p) => providerCard(p, model.providers[p])));
}

/** The stacked chart's data table. */
export function costTable(model: CostModel): HTMLTableElement {
  const ids = Object.keys(ITEM_LABELS) as (keyof typeof ITEM_LABELS)[];
  return table('Monthly cost by item (USD)', ['Provider', ...ids.map((id) => ITEM_LABELS[id]), 'Total'], PROVIDERS.map((p) => [PROVIDER_LABELS[p], ...ids.map((id) => fmtUsd(model.providers[p].items[id])), fmtUsd(model.providers[p].total)]));
}

function granularityRows(rows: GranularityRow[]): (string | Node)[][] {
  return rows.map((r) => [r.provider, r.rule, ms(r.actualMs), expandable(ms(r.billedMs), `billed = ${r.rule} applied to ${ms(r.actualMs)} = ${ms(r.billedMs)}`), expandable(ms(r.unusedMs), `unused = ${ms(r.billedMs)} − ${ms(r.actualMs)} = ${ms(r.unusedMs)}`)]);
}

/** Billing granularity explainer: the median run billed by each provider, warm and cold. */
export function renderGranularity(model: CostModel): HTMLElement {
  const head = ['Provider', 'Rule', 'Ran', 'Billed', 'Paid but unused'];
  return h(
    'div',
    {},
    table(`A warm run of the median duration (${ms(model.stats.medianMs)})`, head, granularityRows(model.granularity.warm)),
    model.scenario.initMs > 0 ? table(`A cold run: the same plus Init ${ms(model.scenario.initMs)}`, head, granularityRows(model.granularity.cold)) : undefined,
  );
}

/** Provisioned concurrency versus the cold starts it removes (AWS, same traffic). */
export function renderProvisioned(model: CostModel): HTMLElement {
  const p = model.provisioned;
  if (p.concurrency === 0) return h('p', { class: 'muted' }, 'Move the slider to keep environments warm all month and see what that costs next to the cold starts it removes.');
  const cold = `${fmtNum(model.scenario.invocations)} invocations × ${fmtNum(model.scenario.coldFraction, 4)} cold`;
  return table(`AWS Lambda with ${p.concurrency} provisioned environments for ${p.hours} h (model)`, ['Figure', 'Value'], [
    ['On demand, monthly', expandable(fmtUsd(p.onDemandTotal), `AWS bill without provisioned concurrency = ${fmtUsd(p.onDemandTotal)}`)],
    ['With provisioned concurrency, monthly', expandable(fmtUsd(p.provisionedTotal), `AWS bill with ${p.concurrency} × ${p.hours} h provisioned (no free tier applies) = ${fmtUsd(p.provisionedTotal)}`)],
    ['Extra cost', expandable(fmtUsd(p.extraCost), `${fmtUsd(p.provisionedTotal)} − ${fmtUsd(p.onDemandTotal)} = ${fmtUsd(p.extraCost)}`)],
    ['Cold starts per month', expandable(`${fmtNum(p.coldStartsBefore, 0)} → ${fmtNum(p.coldStartsAfter, 0)}`, `before: ${cold} = ${fmtNum(p.coldStartsBefore, 0)}; after: only invocations that overflow the provisioned capacity can be cold = ${fmtNum(p.coldStartsAfter, 0)}`)],
    ['Init latency removed', expandable(`${fmtNum(p.initMsRemoved / 3_600_000, 2)} h`, `${fmtNum(p.coldStartsBefore - p.coldStartsAfter, 0)} cold starts × ${ms(model.scenario.initMs)} = ${fmtNum(p.initMsRemoved, 0)} ms`)],
  ]);
}

/** The sweep chart's data table with the picks and measured/projected labels. */
export function sweepTable(model: CostModel): HTMLTableElement {
  const { points, cheapestMb, fastestMb, balancedMb } = model.sweep;
  const pick = (mb: number) => [mb === cheapestMb ? 'cheapest' : '', mb === fastestMb ? 'fastest' : '', mb === balancedMb ? 'balanced' : ''].filter(Boolean).join(', ');
  return table(`Memory sweep: ${model.sweep.costLabel}`, ['Memory', 'Duration', 'Source', 'Cost per 1M', 'Pick'], points.map((p) => [`${fmtNum(p.memoryMb)} MB`, expandable(ms(p.durationMs), p.formula), p.source === 'measured' ? 'measured locally' : 'projected (CPU model)', fmtUsd(p.costUsd), pick(p.memoryMb)]));
}

/** Figures in the price data that could not be confirmed at a primary source. */
export function renderUnconfirmed(model: CostModel): HTMLElement {
  return h('ul', { class: 'notes' }, ...model.unconfirmed.map((u) => h('li', {}, `${u.name}: ${u.text}${u.note ? ` (${u.note})` : ''}. Source: ${u.source}`)));
}
