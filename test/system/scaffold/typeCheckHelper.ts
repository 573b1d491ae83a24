// Test helper: type-checks TypeScript files in a temp dir against this repo's @types (aws-lambda, node).
import path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(__dirname, '../../..');

/** Type-checks `files` strictly and returns formatted diagnostics (empty when clean). */
export function typeCheck(files: string[], extraPaths: Record<string, string[]> = {}): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [path.join(repo, 'node_modules/@types')],
    baseUrl: repo,
    paths: {
      'aws-lambda': ['node_modules/@types/aws-lambda'],
      '@azure/functions': ['node_modules/@azure/functions'],
      '@google-cloud/functions-framework': ['node_modules/@google-cloud/functions-framework'],
      ...extraPaths,
    },
  };
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1} ${text}`;
  });
}
