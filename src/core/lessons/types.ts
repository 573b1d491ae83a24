/** The tracks a lesson can belong to, in the order the Lessons tree and navigation use. */
export const TRACKS = ['Foundations', 'FaaS', 'BaaS', 'Event-Driven', 'Use Cases', 'Costs', 'Benefits and Challenges', 'Best Practices'] as const;

/** One of the lesson tracks. */
export type Track = (typeof TRACKS)[number];

/** Validated front matter of a lesson (shape defined by schemas/lesson.schema.json). */
export interface LessonMeta {
  id: string;
  title: string;
  track: Track;
  order: number;
  summary: string;
  objectives: string[];
  estimatedMinutes: number;
  prerequisites?: string[];
  /** YYYY-MM-DD: when the lesson's ageing claims were last checked against their sources. */
  checked?: string;
}

/** A problem found in a lesson file; `line` is 1-based. */
export interface LessonProblem {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

/** A lesson file whose front matter parsed; `body` is the Markdown after the front matter. */
export interface LessonSource {
  file: string;
  meta: LessonMeta;
  body: string;
  /** 1-based line in the file where `body` starts, so body line numbers can be mapped back. */
  bodyLine: number;
  /** 1-based line of each front matter key, for pointing problems at the right line. */
  keyLines: Partial<Record<keyof LessonMeta, number>>;
}

/** Formats a problem the way compilers do: `file:line: message`. */
export function formatProblem(p: LessonProblem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
