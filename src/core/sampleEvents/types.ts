/** A named, documented value a sample event can be parameterised with (`--set bucket=my-bucket`). */
export interface EventParam {
  description: string;
  default: string;
}

/** One entry of the sample-event catalogue. */
export interface EventSample {
  /** Stable id used by the CLI and the event picker, e.g. `sqs`, `s3-put`. */
  id: string;
  /** Human label, e.g. "SQS message batch". */
  label: string;
  /** Event source family for grouping in pickers. */
  source: 'api' | 'storage' | 'messaging' | 'stream' | 'schedule' | 'identity';
  /** The matching `@types/aws-lambda` type expression (checked by a unit test). */
  typeName: string;
  /**
   * Set when AWS's documented shape is looser than `@types/aws-lambda` (the docs win); names the
   * type the unit test checks instead, and why.
   */
  typeDeviation?: { checkAs: string; reason: string };
  /** Documentation page the shape and field names were taken from (AWS's; Supabase's for BaaS row changes). */
  docUrl: string;
  /** Short aliases for the values learners most often change. */
  params: Record<string, EventParam>;
  /** Builds the event from fully resolved params. */
  build(params: Record<string, string>): unknown;
}

/** What `listEvents()` returns per sample: data only, safe to print as JSON. */
export interface EventSummary {
  id: string;
  label: string;
  source: EventSample['source'];
  typeName: string;
  typeDeviation?: EventSample['typeDeviation'];
  docUrl: string;
  params: Record<string, EventParam>;
}
