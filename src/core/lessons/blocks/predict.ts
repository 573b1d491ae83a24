// ```predict: the learner commits to a guess (a choice or a number), then the subject runs (an
// invocation, an EventBridge match or a cost estimate) and the guess is graded against what was
// observed. Parsing and grading are pure; observing lives in execute.ts.
import type { DirectiveParseResult, DirectiveProblem } from '../directives/registry';
import { parseTarget, TARGET_KEYS, targetPart, type InvokeTarget } from './target';
import { isRecord, KEBAB_ID, parseYamlBody, unknownKeys } from './yamlBody';

/** One call of an `invoke` subject; the first is cold unless `cold: false`, later ones warm unless `cold: true`. */
export interface PredictCall {
  event?: unknown;
  /** Wait this long after the previous call finished. */
  delayMs?: number;
  cold?: boolean;
}

/** What a predict block runs; its observation is what `observe` reads. */
export type PredictSubject =
  | ({ kind: 'invoke'; calls: PredictCall[] } & InvokeTarget)
  | { kind: 'match'; pattern: unknown; event: unknown }
  | { kind: 'cost'; provider: 'aws' | 'azure' | 'gcp'; requestsPerMonth: number; durationMs: number; memoryMb: number; architecture?: 'x86_64' | 'arm64'; plan?: 'consumption' | 'flex' };

/** One option of a choice answer; correct when `value` equals the observed value. */
export interface PredictChoice {
  text: string;
  value: unknown;
  explanation?: string;
}

/** How the learner answers: pick an option, or type a number graded within a tolerance. */
export type PredictAnswer =
  | { kind: 'choices'; choices: PredictChoice[] }
  | { kind: 'range'; unit?: string; tolerance: { absolute: number } | { percent: number } };

/** A parsed ```predict block. */
export interface PredictBlock {
  id: string;
  question: string;
  subject: PredictSubject;
  /** Dotted path into the observation (`calls.1.cold`, `matched`, `monthlyUsd`). */
  observe: string;
  answer: PredictAnswer;
  explanation?: string;
}

/** The learner's guess: an option index, or a number. */
export type PredictGuess = { choice: number } | { value: number };

/** The grade of a guess against the observed value. */
export interface PredictGrade {
  correct: boolean;
  observed: unknown;
  /** The explanation of the chosen option, if any. */
  choiceExplanation?: string;
  /** Index of the option whose value equals the observed one (choices only). */
  correctChoice?: number;
}

const PREDICT_KEYS = ['id', 'question', 'subject', 'observe', 'answer', 'explanation'];
const SUBJECT_KINDS = ['invoke', 'match', 'cost'] as const;
const COST_KEYS = ['provider', 'requestsPerMonth', 'durationMs', 'memoryMb', 'architecture', 'plan'];

/** Parses a ```predict body (YAML; see lessons/README.md "predict"). */
export function parsePredictBlock(text: string): DirectiveParseResult<PredictBlock> {
  const { body, problems } = parseYamlBody(text, 'predict');
  if (!body) return { problems };
  const { data, lineOf } = body;
  problems.push(...unknownKeys(data, PREDICT_KEYS, 'predict', (k) => lineOf(k)));
  if (typeof data.id !== 'string' || !KEBAB_ID.test(data.id)) problems.push({ line: lineOf('id'), message: 'predict needs an "id:" in kebab-case, unique in the lesson (e.g. cold-or-warm)' });
  if (typeof data.question !== 'string' || !data.question.trim()) problems.push({ line: lineOf('question'), message: 'predict needs a non-empty "question:"' });
  if (typeof data.observe !== 'string' || !/^[\w-]+(\.[\w-]+)*$/.test(data.observe)) problems.push({ line: lineOf('observe'), message: 'predict needs "observe:", a dotted path into the observation (calls.1.cold, matched, monthlyUsd)' });
  if (data.explanation !== undefined && (typeof data.explanation !== 'string' || !data.explanation.trim())) problems.push({ line: lineOf('explanation'), message: '"explanation" must be a non-empty string' });
  const subject = parseSubject(data.subject, lineOf, problems);
  const answer = parseAnswer(data.answer, lineOf, problems);
  if (problems.length || !subject || !answer) return { problems };
  return {
    value: { id: data.id as string, question: (data.question as string).trim(), subject, observe: data.observe as string, answer, ...(typeof data.explanation === 'string' ? { explanation: data.explanation.trim() } : {}) },
    problems,
  };
}

type LineOf = (...path: Array<string | number>) => number;

function parseSubject(raw: unknown, lineOf: LineOf, problems: DirectiveProblem[]): PredictSubject | undefined {
  const kinds = isRecord(raw) ? SUBJECT_KINDS.filter((k) => k in raw) : [];
  if (!isRecord(raw) || kinds.length !== 1 || Object.keys(raw).length !== 1) {
    problems.push({ line: lineOf('subject'), message: `"subject" must hold exactly one of ${SUBJECT_KINDS.join(', ')}` });
    return undefined;
  }
  const kind = kinds[0];
  const value = raw[kind];
  const at = (...k: Array<string | number>): number => lineOf('subject', kind, ...k);
  if (!isRecord(value)) {
    problems.push({ line: at(), message: `subject "${kind}" must be a mapping (see lessons/README.md)` });
    return undefined;
  }
  const before = problems.length;
  if (kind === 'invoke') {
    problems.push(...unknownKeys(value, [...TARGET_KEYS, 'calls'], 'subject.invoke', (k) => at(k)));
    const target = parseTarget(targetPart(value), (k) => at(k), 'subject.invoke: ');
    problems.push(...target.problems);
    const calls = parseCalls(value.calls, at, problems);
    return problems.length > before || !target.value || !calls ? undefined : { kind, ...target.value, calls };
  }
  if (kind === 'match') {
    problems.push(...unknownKeys(value, ['pattern', 'event'], 'subject.match', (k) => at(k)));
    if (!isRecord(value.pattern)) problems.push({ line: at('pattern'), message: 'subject.match needs "pattern:", an EventBridge event pattern (a mapping)' });
    if (!isRecord(value.event)) problems.push({ line: at('event'), message: 'subject.match needs "event:", the event to test (a mapping)' });
    return problems.length > before ? undefined : { kind, pattern: value.pattern, event: value.event };
  }
  problems.push(...unknownKeys(value, COST_KEYS, 'subject.cost', (k) => at(k)));
  if (!['aws', 'azure', 'gcp'].includes(value.provider as string)) problems.push({ line: at('provider'), message: 'subject.cost "provider" must be aws, azure or gcp' });
  for (const key of ['requestsPerMonth', 'durationMs', 'memoryMb']) {
    if (!(typeof value[key] === 'number' && (value[key] as number) > 0)) problems.push({ line: at(key), message: `subject.cost "${key}" must be a positive number` });
  }
  if (value.architecture !== undefined && !['x86_64', 'arm64'].includes(value.architecture as string)) problems.push({ line: at('architecture'), message: 'subject.cost "architecture" must be x86_64 or arm64' });
  if (value.plan !== undefined && !['consumption', 'flex'].includes(value.plan as string)) problems.push({ line: at('plan'), message: 'subject.cost "plan" (Azure) must be consumption or flex' });
  if (problems.length > before) return undefined;
  return { kind, ...(value as Omit<Extract<PredictSubject, { kind: 'cost' }>, 'kind'>) };
}

function parseCalls(raw: unknown, at: (...k: Array<string | number>) => number, problems: DirectiveProblem[]): PredictCall[] | undefined {
  if (raw === undefined) return [{}];
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({ line: at('calls'), message: 'subject.invoke "calls" must be a non-empty list such as [{}, { delayMs: 1000 }]' });
    return undefined;
  }
  const calls: PredictCall[] = [];
  raw.forEach((c: unknown, i) => {
    const line = at('calls', i);
    if (!isRecord(c)) return void problems.push({ line, message: `call ${i + 1} must be a mapping (use {} for a plain call)` });
    problems.push(...unknownKeys(c, ['event', 'delayMs', 'cold'], `call ${i + 1}`, () => line));
    if (c.delayMs !== undefined && !(Number.isInteger(c.delayMs) && (c.delayMs as number) >= 0 && (c.delayMs as number) <= 60_000)) problems.push({ line, message: `call ${i + 1}: "delayMs" must be a whole number of milliseconds from 0 to 60000` });
    if (c.cold !== undefined && typeof c.cold !== 'boolean') problems.push({ line, message: `call ${i + 1}: "cold" must be true or false` });
    calls.push(c as PredictCall);
  });
  return calls;
}

function parseAnswer(raw: unknown, lineOf: LineOf, problems: DirectiveProblem[]): PredictAnswer | undefined {
  const at = (...k: Array<string | number>): number => lineOf('answer', ...k);
  if (!isRecord(raw) || Object.keys(raw).length !== 1 || !('choices' in raw || 'range' in raw)) {
    problems.push({ line: at(), message: '"answer" must hold exactly one of choices (pick an option) or range (type a number)' });
    return undefined;
  }
  if ('range' in raw) {
    const r = raw.range;
    if (!isRecord(r)) return void problems.push({ line: at('range'), message: 'answer.range must be a mapping such as { unit: ms, tolerance: 25% }' });
    problems.push(...unknownKeys(r, ['unit', 'tolerance'], 'answer.range', (k) => at('range', k)));
    const tolerance = parseTolerance(r.tolerance);
    if (!tolerance) problems.push({ line: at('range', 'tolerance'), message: 'answer.range "tolerance" must be a non-negative number or a percentage such as "25%"' });
    if (r.unit !== undefined && typeof r.unit !== 'string') problems.push({ line: at('range', 'unit'), message: 'answer.range "unit" must be a string such as ms or USD' });
    return tolerance ? { kind: 'range', ...(typeof r.unit === 'string' ? { unit: r.unit } : {}), tolerance } : undefined;
  }
  const list = raw.choices;
  if (!Array.isArray(list) || list.length < 2) return void problems.push({ line: at('choices'), message: 'answer.choices must list at least two options { text, value, explanation }' });
  const choices: PredictChoice[] = [];
  const seen = new Set<string>();
  list.forEach((c: unknown, i) => {
    const line = at('choices', i);
    if (!isRecord(c)) return void problems.push({ line, message: `choice ${i + 1} must be { text, value, explanation }` });
    problems.push(...unknownKeys(c, ['text', 'value', 'explanation'], `choice ${i + 1}`, () => line));
    if (typeof c.text !== 'string' || !c.text.trim()) problems.push({ line, message: `choice ${i + 1} needs a non-empty "text"` });
    if (!('value' in c)) problems.push({ line, message: `choice ${i + 1} needs a "value" (compared with the observed value)` });
    const key = JSON.stringify(c.value ?? null);
    if (seen.has(key)) problems.push({ line, message: `choice ${i + 1} has the same value as an earlier choice (${key}); values must differ so that one option is right` });
    seen.add(key);
    if (c.explanation !== undefined && typeof c.explanation !== 'string') problems.push({ line, message: `choice ${i + 1}: "explanation" must be a string` });
    choices.push({ text: String(c.text ?? '').trim(), value: c.value, ...(typeof c.explanation === 'string' ? { explanation: c.explanation.trim() } : {}) });
  });
  return { kind: 'choices', choices };
}

/** `25%` → percent 25; `40` → absolute 40. */
function parseTolerance(raw: unknown): { absolute: number } | { percent: number } | undefined {
  if (typeof raw === 'number' && raw >= 0) return { absolute: raw };
  const m = typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw) : null;
  return m ? { percent: Number(m[1]) } : undefined;
}

/** Grades a guess against the observed value (deep equality for choices; within tolerance for numbers). */
export function gradeGuess(block: PredictBlock, guess: PredictGuess, observed: unknown): PredictGrade {
  if (block.answer.kind === 'choices') {
    const choices = block.answer.choices;
    const correctChoice = choices.findIndex((c) => sameValue(c.value, observed));
    const index = 'choice' in guess ? guess.choice : -1;
    const chosen = choices[index];
    return { correct: index === correctChoice && correctChoice >= 0, observed, ...(chosen?.explanation ? { choiceExplanation: chosen.explanation } : {}), ...(correctChoice >= 0 ? { correctChoice } : {}) };
  }
  if (!('value' in guess) || typeof observed !== 'number' || !Number.isFinite(guess.value)) return { correct: false, observed };
  const t = block.answer.tolerance;
  const allowed = 'absolute' in t ? t.absolute : (Math.abs(observed) * t.percent) / 100;
  return { correct: Math.abs(guess.value - observed) <= allowed, observed };
}

/** JSON-equal values (the observed value is plain data). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isRecord(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}
