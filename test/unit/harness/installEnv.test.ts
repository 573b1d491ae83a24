// The harness's inner installs must not inherit the outer npm's lifecycle environment (issue 10 §1).
import * as assert from 'assert';
import * as path from 'path';
import { installEnv, isLifecyclePathEntry } from '../../../scripts/harness/installEnv';

/** What `npm test` hands its scripts, as measured under npm 11 on Node 20 (abridged). */
const underNpm: NodeJS.ProcessEnv = {
  HOME: '/home/learner',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  https_proxy: 'http://proxy:3128',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
  PATH: ['/repo/node_modules/.bin', '/node_modules/.bin', '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin', '/usr/local/bin', '/usr/bin'].join(path.delimiter),
  NODE: '/usr/bin/node',
  INIT_CWD: '/repo',
  npm_node_execpath: '/usr/bin/node',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_lifecycle_event: 'test',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_config_local_prefix: '/repo',
  npm_config_loglevel: 'silent',
  npm_config_registry: 'https://registry.example/',
  npm_config_cache: '/home/learner/.npm',
  npm_package_name: 'serverless-lab',
};

describe('harness install environment', () => {
  it('drops the npm lifecycle variables that made code-server refuse to install', () => {
    const env = installEnv(underNpm);
    for (const k of ['npm_config_user_agent', 'npm_config_nodedir', 'npm_config_local_prefix', 'npm_config_loglevel', 'NODE', 'INIT_CWD', 'npm_node_execpath', 'npm_execpath', 'npm_lifecycle_event', 'npm_package_name']) {
      assert.ok(!(k in env), `${k} leaked into the inner install`);
    }
  });

  it('keeps identity, locale, proxies, certificates and the registry', () => {
    const env = installEnv(underNpm);
    assert.deepStrictEqual(
      [env.HOME, env.LANG, env.LC_ALL, env.https_proxy, env.NODE_EXTRA_CA_CERTS, env.npm_config_registry, env.npm_config_cache],
      ['/home/learner', 'C.UTF-8', 'C.UTF-8', 'http://proxy:3128', '/etc/ssl/certs/ca-certificates.crt', 'https://registry.example/', '/home/learner/.npm'],
    );
  });

  it('removes node_modules/.bin and node-gyp-bin from PATH and puts the requested Node first', () => {
    const env = installEnv(underNpm, { prependPath: ['/h/node24/bin'], set: { npm_config_nodedir: '/h/node24' } });
    assert.deepStrictEqual(env.PATH.split(path.delimiter), ['/h/node24/bin', '/usr/local/bin', '/usr/bin']);
    assert.strictEqual(env.npm_config_nodedir, '/h/node24');
  });

  it('recognises lifecycle PATH entries only', () => {
    assert.ok(isLifecyclePathEntry('/a/b/node_modules/.bin'));
    assert.ok(isLifecyclePathEntry('C:\\p\\node_modules\\.bin'));
    assert.ok(isLifecyclePathEntry('/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin'));
    assert.ok(!isLifecyclePathEntry('/usr/bin'));
    assert.ok(!isLifecyclePathEntry('/home/me/.bin'));
  });
});
