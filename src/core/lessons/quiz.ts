import { isMap, isNode, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { DirectiveParseResult, DirectiveProblem } from './directives/registry';

/** One answer option; every option carries an explanation, shown whether it was right or wrong. */
export interface QuizOption {
  text: string;
  explanation: string;
  correct: boolean;
}

/** A multiple-choice question. `multiple` is declared (`multiple: true`) when more than one option is correct: "select all that apply". */
export interface Quiz {
  id: string;
  question: string;
  options: QuizOption[];
  multiple: boolean;
}

/** Per-option feedback after grading. */
export interface OptionFeedback {
  index: number;
  selected: boolean;
  correct: boolean;
  explanation: string;
}

/** The grade of one attempt: correct only when exactly the correct options were chosen. */
export interface QuizGrade {
  quizId: string;
  correct: boolean;
  options: OptionFeedback[];
}

const QUIZ_KEYS = ['id', 'question', 'multiple', 'options'];
const OPTION_KEYS = ['text', 'explanation', 'correct'];

/**
 * Parses a ```quiz body (YAML: question, multiple?, options[text, explanation, correct]) into a Quiz.
 * Exactly one option is correct unless the quiz declares `multiple: true`.
 * `defaultId` is used when the block has no `id:`. Problems carry body-relative lines.
 */
export function parseQuiz(body: string, defaultId: string): DirectiveParseResult<Quiz> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, prettyErrors: false });
  const problems: DirectiveProblem[] = [];
  const lineOf = (node: unknown, fallback = 1): number =>
    isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : fallback;
  const add = (node: unknown, message: string): void => void problems.push({ line: lineOf(node), message });

  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, message: `quiz is not valid YAML: ${e.message.split('\n')[0]}` })) };
  }
  const root = doc.contents;
  if (!isMap(root)) return { problems: [{ line: 1, message: 'quiz must be YAML with "question:" and "options:" (see lessons/README.md)' }] };
  for (const pair of root.items) {
    const key = isNode(pair.key) ? String(pair.key.toJSON()) : String(pair.key);
    if (!QUIZ_KEYS.includes(key)) add(pair.key, `unknown quiz key "${key}" (allowed: ${QUIZ_KEYS.join(', ')})`);
  }
  const question = root.get('question', true);
  const questionText = isNode(question) ? question.toJSON() : undefined;
  if (typeof questionText !== 'string' || !questionText.trim()) add(question ?? root, 'quiz needs a non-empty "question:"');

  const id = root.get('id', true);
  const idText = isNode(id) ? id.toJSON() : defaultId;
  if (typeof idText !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(idText)) add(id, 'quiz "id" must be kebab-case, e.g. "servers-still-exist"');

  const multipleNode = root.get('multiple', true);
  const multipleValue = isNode(multipleNode) ? multipleNode.toJSON() : false;
  if (typeof multipleValue !== 'boolean') add(multipleNode, '"multiple" must be true or false');
  const optionsNode = root.get('options', true);
  const options: QuizOption[] = [];
  if (!isSeq(optionsNode)) {
    add(optionsNode ?? root, 'quiz needs "options:", a list of at least two items with "text" and "explanation"');
  } else {
    if (optionsNode.items.length < 2) add(optionsNode, 'quiz needs at least two options');
    optionsNode.items.forEach((item, i) => {
      const option = parseOption(item as Node, i, add);
      if (option) options.push(option);
    });
    const correctCount = options.filter((o) => o.correct).length;
    if (options.length === optionsNode.items.length && correctCount === 0) {
      add(optionsNode, 'quiz has no correct option: mark one with "correct: true"');
    } else if (options.length === optionsNode.items.length && correctCount > 1 && multipleValue !== true) {
      add(optionsNode, `quiz has ${correctCount} correct options: keep exactly one, or declare "multiple: true" to make it "select all that apply"`);
    }
  }
  if (problems.length) return { problems };
  return {
    value: { id: idText as string, question: (questionText as string).trim(), options, multiple: multipleValue === true },
    problems,
  };
}

function parseOption(item: Node, i: number, add: (node: unknown, message: string) => void): QuizOption | undefined {
  const label = `option ${i + 1}`;
  if (!isMap(item)) {
    add(item, `${label} must have "text:" and "explanation:" (and "correct: true" on right answers)`);
    return undefined;
  }
  let ok = true;
  const fail = (node: unknown, message: string): void => {
    add(node, message);
    ok = false;
  };
  for (const pair of item.items) {
    const key = isNode(pair.key) ? String(pair.key.toJSON()) : String(pair.key);
    if (!OPTION_KEYS.includes(key)) fail(pair.key, `${label}: unknown key "${key}" (allowed: ${OPTION_KEYS.join(', ')})`);
  }
  const text = item.get('text');
  const explanation = item.get('explanation');
  const correct = item.get('correct') ?? false;
  if (typeof text !== 'string' || !text.trim()) fail(item, `${label} needs a non-empty "text:"`);
  if (typeof explanation !== 'string' || !explanation.trim()) fail(item, `${label} needs an "explanation:" saying why it is right or wrong`);
  if (typeof correct !== 'boolean') fail(item.get('correct', true), `${label}: "correct" must be true or false`);
  return ok ? { text: (text as string).trim(), explanation: (explanation as string).trim(), correct: correct as boolean } : undefined;
}

/** Grades an attempt given the chosen option indexes; out-of-range indexes are ignored. */
export function gradeQuiz(quiz: Quiz, selected: readonly number[]): QuizGrade {
  const chosen = new Set(selected.filter((i) => Number.isInteger(i) && i >= 0 && i < quiz.options.length));
  const options = quiz.options.map((o, index) => ({ index, selected: chosen.has(index), correct: o.correct, explanation: o.explanation }));
  const correct = chosen.size > 0 && options.every((o) => o.selected === o.correct);
  return { quizId: quiz.id, correct, options };
}
