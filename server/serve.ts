/** Runs the app on a Node HTTP server, and stops it gracefully. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { Database } from './db/database';

export interface RunningServer {
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

export function startServer(db: Database, port: number, host: string): Promise<RunningServer> {
  const app = createApp({ db });
  return new Promise((resolveStarted, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolveStarted({
        url: `http://${shownHost}:${info.port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // Idle keep-alive sockets would hold close() open; busy ones finish first.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
