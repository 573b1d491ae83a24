// ```run: a handler the learner invokes from the lesson (Run, Run cold, Run warm) and whose
// response and REPORT line are shown inline. Parsing is pure; running lives in execute.ts.
import type { DirectiveParseResult } from '../directives/registry';
import { parseTarget, TARGET_KEYS, type InvokeTarget } from './target';
import { KEBAB_ID, parseYamlBody, unknownKeys } from './yamlBody';

/** How a Run button invokes: `run` reuses an idle warm sandbox if any, `cold` forces a fresh one, `warm` makes sure the measured call is warm. */
export type RunMode = 'run' | 'cold' | 'warm';

/** Every run mode, in button order. */
export const RUN_MODES: readonly RunMode[] = ['run', 'cold', 'warm'];

/** A parsed ```run block. */
export interface RunBlock extends InvokeTarget {
  id: string;
  title?: string;
  /** Buttons shown, in this order; default ['run']. */
  modes: RunMode[];
}

const RUN_KEYS = ['id', 'title', 'modes', ...TARGET_KEYS];

/** Parses a ```run body (YAML; see lessons/README.md "run"). */
export function parseRunBlock(text: string): DirectiveParseResult<RunBlock> {
  const { body, problems } = parseYamlBody(text, 'run');
  if (!body) return { problems };
  const { data, lineOf } = body;
  problems.push(...unknownKeys(data, RUN_KEYS, 'run', (k) => lineOf(k)));
  if (typeof data.id !== 'string' || !KEBAB_ID.test(data.id)) problems.push({ line: lineOf('id'), message: 'run needs an "id:" in kebab-case, unique in the lesson (e.g. hello-run)' });
  if (data.title !== undefined && (typeof data.title !== 'string' || !data.title.trim())) problems.push({ line: lineOf('title'), message: '"title" must be a non-empty string' });
  let modes: RunMode[] = ['run'];
  if (data.modes !== undefined) {
    const list = data.modes;
    if (!Array.isArray(list) || list.length === 0 || !list.every((m) => (RUN_MODES as readonly unknown[]).includes(m)) || new Set(list).size !== list.length) {
      problems.push({ line: lineOf('modes'), message: `"modes" must be a list of distinct buttons from ${RUN_MODES.join(', ')} (e.g. [run, cold, warm])` });
    } else modes = list as RunMode[];
  }
  const target = parseTarget(data, (k) => lineOf(k), '');
  problems.push(...target.problems);
  if (problems.length || !target.value) return { problems };
  return { value: { id: data.id as string, ...(typeof data.title === 'string' ? { title: data.title.trim() } : {}), modes, ...target.value }, problems };
}
