// The environment for the harness's inner `npm install`s: an explicit allowlist, never the caller's whole env.
//
// Why: under `npm test` the outer npm exports its lifecycle environment. The variable that broke the harness
// is npm_config_user_agent ("npm/… node/v20 …"): the inner npm reads it as a config value and passes it on,
// and code-server's postinstall takes the Node major version from it, so it refused to install even though the
// inner npm ran on Node 24. npm_config_nodedir, npm_config_local_prefix, NODE, npm_node_execpath and the outer
// package's node_modules/.bin on PATH leak the same way, so only what an install genuinely needs is kept.
'use strict';
const path = require('path');

/** Variables passed through unchanged: identity, locale, temp dirs, proxies and certificates. */
const KEEP = new Set([
  'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'TMPDIR', 'TMP', 'TEMP', 'CI',
  'http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY',
  'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'PYTHON',
  // Windows needs these to spawn anything at all.
  'SystemRoot', 'SYSTEMROOT', 'ComSpec', 'COMSPEC', 'PATHEXT', 'windir', 'APPDATA', 'LOCALAPPDATA', 'USERPROFILE',
]);

/** npm settings that describe the network and which npmrc to read (never the Node version or install prefix). */
const KEEP_NPM = new Set([
  'npm_config_registry', 'npm_config_cafile', 'npm_config_ca', 'npm_config_strict_ssl',
  'npm_config_proxy', 'npm_config_https_proxy', 'npm_config_noproxy', 'npm_config_cache', 'npm_config_userconfig',
]);

/** True for PATH entries that an outer npm or a package manager adds: node_modules/.bin and npm's node-gyp-bin. */
function isLifecyclePathEntry(dir) {
  const parts = dir.split(/[\\/]+/).filter(Boolean);
  const last = parts[parts.length - 1];
  return (last === '.bin' && parts[parts.length - 2] === 'node_modules') || last === 'node-gyp-bin';
}

/**
 * The environment for one inner install: the allowlisted part of `env`, PATH without lifecycle entries and with
 * `prependPath` in front, then `set` on top (e.g. npm_config_nodedir for a native build against another Node).
 */
function installEnv(env, { prependPath = [], set = {} } = {}) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (KEEP.has(k) || KEEP_NPM.has(k) || k.startsWith('LC_')) out[k] = v;
  }
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') || 'PATH';
  const dirs = String(env[pathKey] || '').split(path.delimiter).filter((d) => d && !isLifecyclePathEntry(d));
  out[pathKey] = [...prependPath, ...dirs].join(path.delimiter);
  return Object.assign(out, set);
}

module.exports = { installEnv, isLifecyclePathEntry };
