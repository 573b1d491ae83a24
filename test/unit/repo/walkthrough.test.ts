import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIds } from '../../../src/extension/commandIds';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: Array<{ steps: Array<{ id: string; description: string; media: Record<string, string>; completionEvents: string[] }> }> };
};
const steps = pkg.contributes.walkthroughs.flatMap((w) => w.steps);
const known = new Set<string>(Object.values(CommandIds));

describe('walkthrough: every step performs a product action', () => {
  it('has the product-action steps, each with an image or SVG that exists and alt text', () => {
    for (const id of ['openLesson', 'invokeCold', 'invokeWarm', 'openCost', 'newFunction']) assert.ok(steps.some((s) => s.id === id), `step ${id}`);
    for (const s of steps) {
      const file = s.media.svg ?? s.media.image ?? s.media.markdown;
      assert.ok(file && fs.existsSync(path.join(root, file)), `${s.id}: media ${file} exists`);
      if (!s.media.markdown) assert.ok(s.media.altText, `${s.id}: alt text`);
    }
  });

  it('links only to commands the extension registers, and completes on them', () => {
    for (const s of steps) {
      const links = [...s.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${s.id} has an action link`);
      for (const id of links) assert.ok(known.has(id), `${s.id}: ${id} is a registered command`);
      for (const e of s.completionEvents.filter((c) => c.startsWith('onCommand:'))) assert.ok(known.has(e.slice('onCommand:'.length)), `${s.id}: ${e}`);
    }
  });
});
