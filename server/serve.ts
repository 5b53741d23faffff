/** Runs the app on a Node HTTP server, and stops it gracefully. */
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Deps } from './api';
import { createApp } from './app';

export interface RunningServer {
  url: string;
  /**
   * Stops accepting connections and lets in-flight requests finish; after
   * `graceMs`, connections still open (a browser's idle pre-connected sockets)
   * are cut.
   */
  close(graceMs?: number): Promise<void>;
}

export function startServer(deps: Deps, port: number, host: string): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolveStarted, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolveStarted({
        url: `http://${shownHost}:${info.port}`,
        close: (graceMs = 10_000) =>
          new Promise((done) => {
            const http = server as HttpServer;
            const cut = setTimeout(() => http.closeAllConnections(), graceMs);
            http.close(() => {
              clearTimeout(cut);
              done();
            });
            // Idle keep-alive sockets would hold close() open; busy ones finish first.
            http.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
