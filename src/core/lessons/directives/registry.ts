/** Where a directive sits, passed to its parse and render functions. */
export interface DirectiveContext {
  /** Id of the lesson that contains the block. */
  lessonId: string;
  /** 0-based position of this block among blocks of the same kind in the lesson; makes stable ids. */
  index: number;
}

/** Helpers the renderer lends to directives so they never build unsafe HTML by hand. */
export interface DirectiveRenderHelpers {
  /** Escapes text for HTML element content and attribute values. */
  escape(text: string): string;
  /** Renders inline Markdown (code spans, emphasis, links) with HTML disabled. */
  renderInline(markdown: string): string;
}

/** A problem inside a directive's body; `line` is 1-based from the first line after the opening fence. */
export interface DirectiveProblem {
  line: number;
  message: string;
}

/** Outcome of parsing a block body: a value when usable, plus any problems. */
export interface DirectiveParseResult<T> {
  value?: T;
  problems: DirectiveProblem[];
}

/**
 * A fenced-block kind such as ```quiz. Parsing is pure and reports problems with body-relative
 * lines; rendering returns trusted HTML built only with the helpers' escaping.
 */
export interface DirectiveKind<T = unknown> {
  /** The word after the opening fence, e.g. "quiz". */
  readonly name: string;
  /** One line for the documentation and error messages. */
  readonly description: string;
  parse(body: string, context: DirectiveContext): DirectiveParseResult<T>;
  render(value: T, context: DirectiveContext, helpers: DirectiveRenderHelpers): string;
}

/** A parsed directive occurrence, kept so the host can act on it (e.g. grade a quiz). */
export interface DirectiveInstance<T = unknown> {
  kind: string;
  value: T;
  /** 1-based file line of the opening fence. */
  line: number;
}

/** Name -> kind lookup; the renderer consults it for every fenced block. */
export class DirectiveRegistry {
  private readonly kinds = new Map<string, DirectiveKind>();

  /** Adds a kind; a duplicate name is a programming error, so it throws. */
  register<T>(kind: DirectiveKind<T>): this {
    if (this.kinds.has(kind.name)) throw new Error(`directive "${kind.name}" is already registered`);
    this.kinds.set(kind.name, kind as DirectiveKind);
    return this;
  }

  /** Returns the kind for a fence info word, if any. */
  get(name: string): DirectiveKind | undefined {
    return this.kinds.get(name);
  }

  /** Registered names, sorted, for error messages and docs. */
  names(): string[] {
    return [...this.kinds.keys()].sort();
  }
}
