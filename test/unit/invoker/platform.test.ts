// The platform interface, every OS branch on this machine: each implementation runs over a fake
// ProcessApi (a scripted process table), so Linux, macOS and Windows are all exercised here.
import * as assert from 'assert';
import { platformFor, limitations, type ProcessApi } from '../../../src/core/invoker/platform';
import { parsePsTable, treeFromTable } from '../../../src/core/invoker/platform/darwin';

/** A process: its parent, resident KiB, peak KiB, environment. */
interface FakeProc { ppid: number; rssKb: number; hwmKb?: number; env?: string[] }

/** A fake process table behind the ProcessApi primitives; records signals and commands. */
function fakeApi(procs: Record<number, FakeProc>, files: string[] = ['/usr/bin/setpriv', '/proc/self/status'], ps = '') {
  const signals: string[] = [];
  const started: string[] = [];
  const childrenOf = (pid: number) => Object.entries(procs).filter(([, p]) => p.ppid === pid).map(([c]) => c);
  const api: ProcessApi = {
    kill: (pid, signal) => {
      const target = Math.abs(pid);
      if (!procs[target]) throw new Error('ESRCH');
      signals.push(`${signal}:${pid}`);
    },
    readFile: (file) => {
      let m = /^\/proc\/(\d+)\/status$/.exec(file);
      if (m && procs[Number(m[1])]) return `Name:\tx\nVmHWM:\t${procs[Number(m[1])].hwmKb ?? 0} kB\nVmRSS:\t${procs[Number(m[1])].rssKb} kB\n`;
      m = /^\/proc\/(\d+)\/task\/(\d+)\/children$/.exec(file);
      if (m && procs[Number(m[1])]) return childrenOf(Number(m[1])).map((c) => `${c} `).join('');
      m = /^\/proc\/(\d+)\/environ$/.exec(file);
      if (m && procs[Number(m[1])]) return `${(procs[Number(m[1])].env ?? []).join('\0')}\0`;
      throw new Error(`ENOENT ${file}`);
    },
    readdir: (dir) => {
      if (dir === '/proc') return [...Object.keys(procs), 'self', 'meminfo'];
      const m = /^\/proc\/(\d+)\/task$/.exec(dir);
      if (m && procs[Number(m[1])]) return [m[1]];
      throw new Error(`ENOENT ${dir}`);
    },
    exists: (file) => files.includes(file),
    run: async (command, args) => {
      started.push([command, ...args].join(' '));
      return ps;
    },
    start: (command, args) => void started.push([command, ...args].join(' ')),
  };
  return { api, signals, started };
}

const MARK = 'AWS_LAMBDA_LOG_STREAM_NAME=2026/11/27/[$LATEST]abc';

describe('invoker platform interface', () => {
  describe('linux', () => {
    // 100: sandbox; 101: child; 102: grandchild; 200: orphan re-parented to init, still carrying the marker.
    const table = (): Record<number, FakeProc> => ({
      100: { ppid: 1, rssKb: 40_000, hwmKb: 45_000, env: [MARK] },
      101: { ppid: 100, rssKb: 600_000, env: [MARK] },
      102: { ppid: 101, rssKb: 1_000, env: [MARK] },
      200: { ppid: 1, rssKb: 5_000, env: ['X=1', MARK] },
      300: { ppid: 1, rssKb: 9_000, env: ['AWS_LAMBDA_LOG_STREAM_NAME=other'] },
    });

    it('sums the whole tree from /proc and reports the root peak and the descendants', () => {
      const { api } = fakeApi(table());
      const sample = platformFor('linux', api).sampleTree(100);
      assert.deepStrictEqual(sample, { rssKb: 641_000, peakKb: 45_000, descendants: [101, 102] });
    });

    it('can look at main threads only when discovering children (cheaper, one read per process)', () => {
      const { api } = fakeApi(table());
      const seen: string[] = [];
      const spy: ProcessApi = { ...api, readdir: (d) => (seen.push(d), api.readdir(d)) };
      assert.deepStrictEqual(platformFor('linux', spy).sampleTree(100, undefined, true), { rssKb: 641_000, peakKb: 45_000, descendants: [101, 102] });
      assert.deepStrictEqual(seen, [], 'no thread listing');
    });

    it('measures only the root and known pids when given them, dropping exited ones', () => {
      const { api } = fakeApi(table());
      // 200 is an orphan no walk would find; 999 has exited.
      assert.deepStrictEqual(platformFor('linux', api).sampleTree(100, [101, 200, 999]), { rssKb: 645_000, peakKb: 45_000, descendants: [101, 200] });
    });

    it('kills group, descendants, known pids and marked orphans, stopping them first; spares others', () => {
      const { api, signals } = fakeApi(table());
      platformFor('linux', api).killTree(100, [150], MARK);
      const killed = signals.filter((s) => s.startsWith('SIGKILL')).sort();
      assert.deepStrictEqual(killed, ['SIGKILL:-100', 'SIGKILL:101', 'SIGKILL:102', 'SIGKILL:200']);
      assert.ok(signals.indexOf('SIGSTOP:-100') < signals.indexOf('SIGKILL:-100'), signals.join());
    });

    it('freezes and thaws the group and known descendants with SIGSTOP/SIGCONT', () => {
      const { api, signals } = fakeApi(table());
      const p = platformFor('linux', api);
      assert.strictEqual(p.freeze(100, [101]), true);
      p.thaw(100, [101]);
      assert.deepStrictEqual(signals, ['SIGSTOP:-100', 'SIGSTOP:101', 'SIGCONT:101', 'SIGCONT:-100']);
    });

    it('wraps the command in setpriv --pdeathsig when present, and says so when not', () => {
      const withGuard = platformFor('linux', fakeApi({}).api);
      assert.deepStrictEqual(withGuard.guardCommand('/bin/node', ['b.js']), { command: '/usr/bin/setpriv', args: ['--pdeathsig', 'KILL', '--', '/bin/node', 'b.js'] });
      assert.strictEqual(withGuard.capabilities.parentDeathGuard, true);
      const without = platformFor('linux', fakeApi({}, ['/proc/self/status']).api);
      assert.deepStrictEqual(without.guardCommand('/bin/node', ['b.js']), { command: '/bin/node', args: ['b.js'] });
      assert.strictEqual(without.capabilities.parentDeathGuard, false);
    });

    it('without procfs (other POSIX systems), admits that memory is not enforced', () => {
      const p = platformFor('freebsd', fakeApi({}, []).api);
      assert.strictEqual(p.capabilities.memoryLimitEnforced, false);
      assert.ok(limitations(p.capabilities).includes('memory limit not enforced on this OS'));
    });

    it('has nothing to declare when everything is available', () => {
      assert.deepStrictEqual(limitations(platformFor('linux', fakeApi({}).api).capabilities), []);
    });
  });

  describe('darwin', () => {
    const ps = '  100     1  40000\n  101   100 600000\n  102   101   1000\n  300     1   9000\n';

    it('parses one ps table into the tree and its memory', async () => {
      const { api, started } = fakeApi({}, [], ps);
      const p = platformFor('darwin', api);
      assert.deepStrictEqual(await p.sampleTree(100), { rssKb: 641_000, peakKb: 0, descendants: [101, 102] });
      assert.deepStrictEqual(started, ['ps -A -o pid=,ppid=,rss=']);
      assert.ok(p.sampleIntervalMs > 0, 'ps spawns are spaced out');
      assert.deepStrictEqual(treeFromTable(parsePsTable('garbage\n'), 5), { rssKb: 0, peakKb: 0, descendants: [] });
      // A known orphan (re-parented to launchd) still counts while alive; an exited one doesn't.
      assert.deepStrictEqual(await p.sampleTree(100, [300, 999]), { rssKb: 650_000, peakKb: 0, descendants: [101, 102, 300] });
    });

    it('kills and freezes through the process group, has no parent-death guard, and says what it lacks', () => {
      const { api, signals } = fakeApi({ 100: { ppid: 1, rssKb: 1 }, 101: { ppid: 100, rssKb: 1 } });
      const p = platformFor('darwin', api);
      p.killTree(100, [101], MARK);
      assert.deepStrictEqual(signals, ['SIGKILL:-100', 'SIGKILL:101']);
      assert.deepStrictEqual(p.guardCommand('node', ['x']), { command: 'node', args: ['x'] });
      assert.strictEqual(p.freeze(100, []), true);
      assert.deepStrictEqual(limitations(p.capabilities), ['detached child processes that outlive their parent may survive the sandbox on this OS']);
    });
  });

  describe('win32', () => {
    it('kills the tree with taskkill /T /F, cannot freeze, and reports memory honestly', async () => {
      const { api, signals, started } = fakeApi({ 100: { ppid: 1, rssKb: 1 } });
      const p = platformFor('win32', api);
      p.killTree(100, [], MARK);
      assert.deepStrictEqual(started, ['taskkill /PID 100 /T /F']);
      assert.deepStrictEqual(signals, ['SIGKILL:100']);
      assert.strictEqual(p.freeze(100, []), false);
      assert.strictEqual(p.ownProcessGroup, false);
      assert.deepStrictEqual(await p.sampleTree(100), { rssKb: 0, peakKb: 0, descendants: [] });
      const notes = limitations(p.capabilities);
      assert.ok(notes.includes('memory limit not enforced on this OS'), notes.join('; '));
      assert.ok(notes.some((n) => n.startsWith('idle sandboxes are not frozen')), notes.join('; '));
    });
  });
});
