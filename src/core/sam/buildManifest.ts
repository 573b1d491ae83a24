// The package.json that `sam build` needs to bundle a TypeScript function with esbuild.
// aws-lambda-builders' esbuild workflow (aws_lambda_builders/workflows/nodejs_npm_esbuild, read
// 2026-11-27 at commit cd41bcf) copies CodeUri to a scratch folder, runs `npm install --omit=dev` there
// when CodeUri has a package.json, and then looks for esbuild in that folder's node_modules/.bin, then
// on PATH. A root devDependency is never seen, and a devDependency in CodeUri is omitted, so esbuild
// must be a production dependency of CodeUri's package.json (aws/aws-sam-cli#4183). The bundle holds
// only what the handler imports, so esbuild itself is not deployed.
import type { SamBuildFile } from './exporter';

/** The esbuild range written for sam build: the version this project bundles with and tests against. */
export const esbuildRange = '^0.28.2';

/** npm package names are lowercase, without `_` at the start (docs.npmjs.com/cli/configuring-npm/package-json#name). */
function npmName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
}

/** The package.json for the function at `path`, with a check for one that already exists. */
export function esbuildManifest(path: string, functionName: string): SamBuildFile {
  const manifest = {
    name: npmName(functionName),
    private: true,
    description: `Build manifest for sam build (BuildMethod: esbuild): esbuild must be a dependency here, not a devDependency, for sam build to find it. Written by Serverless Lab's SAM export.`,
    dependencies: { esbuild: esbuildRange },
  };
  return {
    path,
    content: `${JSON.stringify(manifest, null, 2)}\n`,
    purpose: 'sam build installs its dependencies and finds esbuild there',
    check(existing: string): string | undefined {
      let data: unknown;
      try {
        data = JSON.parse(existing);
      } catch {
        return `${path} is not valid JSON; sam build cannot read it`;
      }
      const deps = (data as { dependencies?: Record<string, unknown> } | null)?.dependencies;
      if (deps && typeof deps === 'object' && Object.hasOwn(deps, 'esbuild')) return undefined;
      return `${path} has no "esbuild" in "dependencies": sam build will fail with "Cannot find esbuild" unless esbuild is on PATH. Run: npm install --prefix ${posixDir(path)} --save esbuild`;
    },
  };
}

function posixDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}
