#!/usr/bin/env node
// Regenerates the Commands and Settings tables in README.md from package.json (the single source of truth).
// `node scripts/readmeTables.js --check` exits 1 when README.md is stale (used by a unit test).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** Markdown for the commands and settings tables, from a parsed package.json. */
function tables(pkg) {
  const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const cmds = (pkg.contributes.commands || [])
    .filter((c) => !(pkg.contributes.menus?.commandPalette || []).some((m) => m.command === c.command && m.when === 'false'))
    .map((c) => `| ${c.category ? c.category + ': ' : ''}${esc(c.title)} | \`${c.command}\` |`);
  const props = pkg.contributes.configuration?.properties || {};
  const settings = Object.entries(props).map(([k, v]) =>
    `| \`${k}\` | \`${esc(JSON.stringify(v.default))}\` | ${esc(v.markdownDescription || v.description || '')} |`);
  return {
    commands: ['| Command | Id |', '|---|---|', ...cmds].join('\n'),
    settings: ['| Setting | Default | Description |', '|---|---|---|', ...settings].join('\n'),
  };
}

/** README text with both generated sections replaced. */
function render(readme, pkg) {
  const t = tables(pkg);
  return readme
    .replace(/<!-- commands:start -->[\s\S]*?<!-- commands:end -->/, `<!-- commands:start -->\n${t.commands}\n<!-- commands:end -->`)
    .replace(/<!-- settings:start -->[\s\S]*?<!-- settings:end -->/, `<!-- settings:start -->\n${t.settings}\n<!-- settings:end -->`);
}

if (require.main === module) {
  const file = path.join(root, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const next = render(readme, JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
  if (process.argv.includes('--check')) {
    if (next !== readme) { console.error('README.md tables are stale: run `node scripts/readmeTables.js`'); process.exit(1); }
  } else if (next !== readme) fs.writeFileSync(file, next);
}

module.exports = { tables, render };
