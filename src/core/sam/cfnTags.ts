// CloudFormation short-form intrinsic functions (!Ref, !Sub, !GetAtt, …) as YAML custom tags.
// Spec: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html (read 2026-11-26).
import type { Tags } from 'yaml';

const functions = [
  'Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length',
];

/** Long-form key of a short-form tag: `!Ref` -> `Ref`, `!Condition` -> `Condition`, others `Fn::X`. */
function longKey(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** Tags that turn short forms into their long-form objects (`!Ref X` -> `{ Ref: 'X' }`), for reading values. */
export const intrinsicTags: Tags = functions.flatMap((name) => [
  {
    tag: `!${name}`,
    // `!GetAtt Res.Attr` is the only scalar form that splits into a list.
    resolve: (value: string) => ({ [longKey(name)]: name === 'GetAtt' ? [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] : value }),
  },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: { toJSON(): unknown }) => ({ [longKey(name)]: seq.toJSON() }) },
  { tag: `!${name}`, collection: 'map' as const, resolve: (map: { toJSON(): unknown }) => ({ [longKey(name)]: map.toJSON() }) },
]);

/** Tags that keep nodes as they are, so a template can be edited and written back with its short forms intact. */
export const preservingTags: Tags = functions.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: <T>(seq: T) => seq },
  { tag: `!${name}`, collection: 'map' as const, resolve: <T>(map: T) => map },
]);
