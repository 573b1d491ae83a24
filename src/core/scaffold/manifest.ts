// The templates manifest (templates/manifest.json): what can be scaffolded, as data.
// Adding a template means adding files and a manifest entry; no TypeScript changes.
import { compilePattern } from '../eventing/patterns';

/** Provider styles the wizard offers. */
export type ProviderId = 'aws' | 'azure' | 'gcp';
/** Languages the wizard offers. */
export type LanguageId = 'typescript' | 'javascript' | 'python';

/** Per-language conventions: file names, runtime and the command that runs the generated test. */
export interface LanguageSpec {
  label: string;
  runtime: 'nodejs' | 'python';
  ext: string;
  handler: string;
  test: string;
  handlerName: string;
  testCommand: string[];
}

/** One sample event a template ships with, and the response fields its generated test expects. */
export interface TemplateEvent {
  /** Catalogue id (src/core/sampleEvents), e.g. `sqs`. */
  sample: string;
  /** File name (without .json) under the events folder. */
  file: string;
  /** Extra `--set` overrides, e.g. a malformed body for the 400 case. */
  set?: string[];
  /** Response fields the handler must return, or null when it returns nothing. */
  expect: Record<string, unknown> | null;
}

/** Function configuration defaults written to `.serverless-lab/functions.json`. */
export interface TemplateConfig {
  memoryMb: number;
  timeoutSec: number;
  env: Record<string, string>;
}

/** A trigger of one provider, available in some languages. */
export interface TriggerSpec {
  id: string;
  provider: ProviderId;
  label: string;
  detail: string;
  languages: LanguageId[];
  /** Handler template base name (default: the trigger id), at `<provider>/<language>/<source>.<ext>`. */
  source?: string;
  /** For non-AWS providers: the Lambda-style shim template base name at `<provider>/<language>/<shim>.<ext>`. */
  shim?: string;
  config: TemplateConfig;
  events: TemplateEvent[];
  /**
   * EventBridge rules written into the function's functions.json entry (`events`), so the workspace's event
   * engine invokes it when a matching event happens (the BaaS triggers), keyed by event name.
   */
  rules?: Record<string, { pattern: Record<string, unknown>; bus?: string }>;
}

/** The whole manifest. */
export interface TemplateManifest {
  version: 1;
  layout: { functionDir: string; eventsDir: string };
  /** `typePackages`: npm packages a TypeScript function needs for type-checking in the learner's editor. */
  providers: Record<ProviderId, { label: string; description: string; typePackages?: string[] }>;
  languages: Record<LanguageId, LanguageSpec>;
  triggers: TriggerSpec[];
  /** Groups of equivalent triggers across providers, shown side by side ("Rosetta"). */
  rosetta?: RosettaGroup[];
}

/** One row of the Rosetta view: the same job as each provider writes it. */
export interface RosettaGroup {
  id: string;
  label: string;
  detail: string;
  triggers: Partial<Record<ProviderId, string>>;
}

/** Thrown when templates/manifest.json is malformed; the message names the entry. */
export class ManifestError extends Error {}

/** Parses and sanity-checks the manifest text so a broken entry fails early with its index. */
export function parseManifest(text: string): TemplateManifest {
  let data: TemplateManifest;
  try {
    data = JSON.parse(text) as TemplateManifest;
  } catch (err) {
    throw new ManifestError(`templates/manifest.json is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (data.version !== 1) throw new ManifestError('templates/manifest.json: unsupported "version" (expected 1)');
  const seen = new Set<string>();
  data.triggers.forEach((t, i) => {
    const where = `templates/manifest.json triggers[${i}] (${t.id ?? '?'})`;
    if (!t.id || seen.has(t.id)) throw new ManifestError(`${where}: "id" is missing or duplicated`);
    seen.add(t.id);
    if (!(t.provider in data.providers)) throw new ManifestError(`${where}: unknown provider "${t.provider}"`);
    for (const l of t.languages) if (!(l in data.languages)) throw new ManifestError(`${where}: unknown language "${l}"`);
    if (!t.events?.length) throw new ManifestError(`${where}: needs at least one sample event`);
    for (const [name, rule] of Object.entries(t.rules ?? {})) {
      if (!/^[A-Za-z0-9]+$/.test(name)) throw new ManifestError(`${where}: rule name "${name}" must be letters and digits (a SAM event name)`);
      try {
        compilePattern(rule.pattern);
      } catch (err) {
        throw new ManifestError(`${where}: rule ${name} has an invalid pattern: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
  for (const g of data.rosetta ?? []) {
    for (const [provider, id] of Object.entries(g.triggers)) {
      if (!data.triggers.some((t) => t.id === id && t.provider === provider)) throw new ManifestError(`templates/manifest.json rosetta "${g.id}": no ${provider} trigger "${id}"`);
    }
  }
  return data;
}

/** Triggers offered for a provider and language, in manifest order. */
export function triggersFor(manifest: TemplateManifest, provider: ProviderId, language: LanguageId): TriggerSpec[] {
  return manifest.triggers.filter((t) => t.provider === provider && t.languages.includes(language));
}
