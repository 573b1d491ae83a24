// `serverless-lab baas`: the embedded Supabase-like BaaS, headless. The BaaS module is imported only when
// a baas command runs, so other commands never load PGlite.
import { Command } from 'commander';
import * as path from 'node:path';

interface CommonOpts {
  dir?: string;
  databaseUrl?: string;
}

const workspaceOf = (opts: CommonOpts): string => path.resolve(opts.dir ?? process.cwd());

/** Registers `baas serve`, `baas sql`, `baas export`, `baas restore` and `baas reset` on the program. */
export function registerBaasCommand(program: Command): void {
  const baas = program.command('baas').description('The embedded Backend-as-a-Service: Postgres (PGlite), auth and a Supabase-compatible HTTP API');
  baas
    .command('serve')
    .description('Serve the BaaS on 127.0.0.1; the first stdout line is {"url","anonKey","serviceRoleKey"}')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--dir <dir>', 'workspace folder (data in <dir>/.serverless-lab/baas, migrations in <dir>/supabase/migrations)')
    .option('--database-url <url>', 'use this Postgres server instead of the embedded PGlite')
    .option('--auto-confirm', 'sign-ups need no email confirmation')
    .option('--statement-timeout <seconds>', 'stop a PGlite statement that runs longer than this (PGlite runs in a worker thread, restarted when stopped)', '30')
    .action(async (opts: CommonOpts & { port: string; autoConfirm?: boolean; statementTimeout: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535 (got "${opts.port}")`);
      const timeout = Number(opts.statementTimeout);
      if (!(timeout > 0)) throw new Error(`--statement-timeout must be a number of seconds above 0 (got "${opts.statementTimeout}")`);
      const { startBaas } = await import('../../core/baas');
      const running = await startBaas({
        workspace: workspaceOf(opts),
        databaseUrl: opts.databaseUrl,
        port,
        autoConfirm: opts.autoConfirm,
        worker: { statementTimeoutMs: timeout * 1000, onRestart: (reason) => process.stderr.write(`baas: the embedded database was restarted: ${reason}\n`) },
        onError: (err) => process.stderr.write(`baas: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
      });
      process.stdout.write(JSON.stringify({ url: running.url, anonKey: running.anonKey, serviceRoleKey: running.serviceRoleKey }) + '\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(resolve, (err: unknown) => {
            process.stderr.write(`baas: error while closing: ${String(err)}\n`);
            process.exitCode = 1;
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
  baas
    .command('sql <statement>')
    .description('Run SQL as the database owner (bypassing RLS); errors show Postgres position')
    .option('--dir <dir>', 'workspace folder')
    .option('--database-url <url>', 'use this Postgres server instead of the embedded PGlite')
    .action(async (statement: string, opts: CommonOpts) => {
      const { openBaasDatabase } = await import('../../core/baas');
      const { DatabaseError } = await import('../../core/baas/db/types');
      const { formatSqlError } = await import('../../core/baas/db/errors');
      const db = await openBaasDatabase({ workspace: workspaceOf(opts), databaseUrl: opts.databaseUrl });
      try {
        const result = await db.exec(statement);
        process.stdout.write(JSON.stringify(result.rows, null, 2) + '\n');
      } catch (err) {
        if (!(err instanceof DatabaseError)) throw err;
        process.stderr.write(formatSqlError(err, statement) + '\n');
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
  baas
    .command('export')
    .description('Write the migrations, policies and storage buckets as SQL migrations for a hosted Supabase project')
    .requiredOption('--out <dir>', 'folder to write supabase/migrations/ into')
    .option('--dir <dir>', 'workspace folder')
    .option('--database-url <url>', 'export from this Postgres server instead of the embedded PGlite')
    .option('--force', 'overwrite files in --out that differ')
    .action(async (opts: CommonOpts & { out: string; force?: boolean }) => {
      const { openBaasDatabase } = await import('../../core/baas');
      const { exportBaas } = await import('../../core/baas/export');
      const workspace = workspaceOf(opts);
      const db = await openBaasDatabase({ workspace, databaseUrl: opts.databaseUrl });
      try {
        const out = path.resolve(opts.out);
        const result = await exportBaas(db, workspace, out, { force: opts.force });
        for (const f of result.written) process.stdout.write(`wrote ${path.join(out, f)}\n`);
        for (const f of result.unchanged) process.stdout.write(`unchanged ${path.join(out, f)}\n`);
        if (result.tablesOutsideMigrations.length) {
          process.stderr.write(`warning: no migration mentions ${result.tablesOutsideMigrations.join(', ')}: add their CREATE TABLE to supabase/migrations, or the hosted project will lack them\n`);
        }
        process.stdout.write('Apply in file-name order to the hosted project: supabase db push (after supabase link), or psql -f each file.\n');
      } finally {
        await db.close();
      }
    });
  baas
    .command('restore')
    .description('Replace a damaged embedded database with its newest automatic backup (the old folder is kept aside)')
    .option('--dir <dir>', 'workspace folder')
    .option('--backup <file>', 'a backup file other than the newest')
    .action(async (opts: CommonOpts & { backup?: string }) => {
      const { BAAS_DATA_DIR } = await import('../../core/baas');
      const { restoreBackup } = await import('../../core/baas/db/recovery');
      const result = await restoreBackup(path.join(workspaceOf(opts), BAAS_DATA_DIR), opts.backup && path.resolve(opts.backup));
      process.stdout.write(`restored ${result.restored}${result.keptAt ? `; the previous folder is kept at ${result.keptAt}` : ''}\n`);
    });
  baas
    .command('reset')
    .description('Start the embedded database again from empty (migrations re-run on next start; the old folder is kept aside)')
    .option('--dir <dir>', 'workspace folder')
    .option('--yes', 'confirm: every row, user and storage object record of this database is set aside')
    .action(async (opts: CommonOpts & { yes?: boolean }) => {
      if (!opts.yes) throw new Error('baas reset sets the whole database aside: run it again with --yes to confirm');
      const { BAAS_DATA_DIR } = await import('../../core/baas');
      const { resetDatabase } = await import('../../core/baas/db/recovery');
      const result = await resetDatabase(path.join(workspaceOf(opts), BAAS_DATA_DIR));
      process.stdout.write(result.keptAt ? `reset; the previous folder is kept at ${result.keptAt}\n` : 'there was no database to reset\n');
    });
}
