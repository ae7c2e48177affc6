/**
 * One PostgreSQL server per vitest run, started only when a test first asks for it (most runs
 * need none, and initdb costs about a second). Test files ask through freshPostgresUrl(), which
 * calls the small HTTP endpoint this setup provides; the server is stopped and its directory
 * deleted at teardown, or on exit / Ctrl-C. With TEST_POSTGRES_URL (a superuser URL of an existing
 * server) that server is used instead and nothing is started.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { type PostgresServer, startPostgres } from '../support/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** GET it for `{ url }`: the admin URL of the run's PostgreSQL server, started on first use. */
    postgresControl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: Promise<PostgresServer> | undefined;
  const external = process.env.TEST_POSTGRES_URL;

  const control = createServer((_request, response) => {
    if (!external && !server) server = startPostgres();
    const started = external ? Promise.resolve({ adminUrl: external }) : (server as Promise<PostgresServer>);
    started.then(
      (s) => response.end(JSON.stringify({ url: s.adminUrl })),
      (error: unknown) => {
        server = undefined; // a later test may try again
        response.statusCode = 500;
        response.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      },
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  control.unref();
  project.provide('postgresControl', `http://127.0.0.1:${(control.address() as AddressInfo).port}/`);

  return async () => {
    control.close();
    const running = await server?.catch(() => undefined);
    await running?.dispose();
  };
}
