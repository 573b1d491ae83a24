// Shapes of the exercise engine: what an ```exercise block declares, what a checks file holds,
// and what a check run reports. Checks are data (YAML), never code run in the host.

/** An ```exercise block, with paths resolved against the lesson's folder. */
export interface ExerciseSpec {
  /** Unique in the lesson; progress is keyed by `<lessonId>/<id>`. */
  id: string;
  title: string;
  /** Folder (relative to the lesson file) holding the starter files copied into the workspace. */
  starter: string;
  /** Folder (relative to the lesson file) holding the reference solution, same file names as starter. */
  solution: string;
  /** YAML checks file (relative to the lesson file). */
  checks: string;
  /** Handler file (relative to starter/solution) that the checks invoke and Start opens. */
  handler: string;
  /** Exported handler name when not the runtime's conventional one. */
  handlerName?: string;
  /** 1-based line of `handler` to open on Start (default 1). */
  line?: number;
  /** Hints, revealed one at a time, in order. */
  hints: string[];
  /** Name of the check the starter must fail first (verified by `lessons check --exercises`). */
  starterFails: string;
}

/** Assertion operators a check may use on one observed value. */
export interface Assertion {
  /** Dotted path into the observation, e.g. `calls.0.response.statusCode` or `calls.1.json.count`. */
  path: string;
  equals?: unknown;
  notEquals?: unknown;
  /** `string`, `number`, `boolean`, `object`, `array`, `null` or `undefined`. */
  type?: string;
  lessThan?: number;
  greaterThan?: number;
  /** Regular expression the (stringified) value must match. */
  matches?: string;
  /** For arrays: some element (stringified) contains this text; for strings: substring. */
  contains?: string;
  /** true: the value must be present (not undefined); false: it must be absent. */
  exists?: boolean;
}

/** One invocation a check performs. `cold: true` forces a fresh sandbox. */
export interface CheckCall {
  event: unknown;
  cold?: boolean;
}

/** One request a `baas` check makes, as a user created by the check, `anon` or `service_role`. */
export interface BaasCheckRequest {
  /** A name from `users`, or `anon` (default) or `service_role`. */
  as?: string;
  /** HTTP method (default GET, or POST when there is a body). */
  method?: string;
  /** API path with query, e.g. `/rest/v1/notes?select=*`; or give `sql` instead. */
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** SQL run in one transaction as the caller's role with its JWT claims (as PostgREST runs requests). */
  sql?: string;
}

/** A check's BaaS scenario: a fresh database from the template, the learner's SQL, users, then requests. */
export interface BaasCheckSpec {
  /** SQL files of the learner's folder (beside the handler), applied in order as the owner, e.g. [schema.sql, policies.sql]. */
  sql: string[];
  /** Users to sign up (confirmed at once): `alice` becomes alice@example.com. */
  users: string[];
  requests: BaasCheckRequest[];
}

/** A named check: the calls to make and what must hold; `message` is the feedback when it fails. */
export interface CheckSpec {
  /** kebab-case name of the likely mistake, e.g. `body-not-string`. */
  name: string;
  /** Feedback shown when the check fails; `{actual}` is replaced by the offending value. */
  message: string;
  /** Direct invocations of the handler (empty for pattern, trace and BaaS checks). */
  calls: CheckCall[];
  /** Inputs of the `pattern` and `trace` observers: events to match, or entries to put into the event engine. */
  events?: unknown[];
  /** `trace`: the SAM template, relative to the handler's folder (default `template.yaml`). */
  template?: string;
  /** `trace`: faults to inject (`EventEngine.setFaults` shape), drawn from a seeded random source. */
  faults?: unknown;
  /** A BaaS scenario, observed as `baas` (see lessons/README.md). */
  baas?: BaasCheckSpec;
  expect: Assertion[];
}

/** A parsed checks file. */
export interface ChecksFile {
  checks: CheckSpec[];
}

/** Outcome of one check. */
export interface CheckOutcome {
  name: string;
  passed: boolean;
  /** The check's specific message with `{actual}` filled in (failed checks only). */
  message?: string;
  /** Which assertion failed, for authors (`calls.0.response.body: expected type string, got object`). */
  detail?: string;
}

/** Outcome of running every check of an exercise. */
export interface ExerciseResult {
  passed: boolean;
  outcomes: CheckOutcome[];
  /** The first failed check: the feedback a learner sees first. */
  firstFailure?: CheckOutcome;
}
