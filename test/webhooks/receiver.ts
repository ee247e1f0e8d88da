/**
 * A webhook receiver for tests: a node:http server on 127.0.0.1 (port 0) that records every
 * request and answers as the test says — a status with headers, or holding the request open.
 * Closed after the test file.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** How the receiver answers a request: a status (and headers, body), or `hold` to never answer. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hold';

/** A running receiver. */
export interface Receiver {
  /** The base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  received: Received[];
  /** How to answer the next requests (by default 200). */
  answer: (req: Received) => Answer;
  /** Requests held open, to end from the test. */
  held: http.ServerResponse[];
  /** The requests to a path. */
  to(path: string): Received[];
  /** Waits (bounded) until `predicate` holds over the requests received. */
  waitFor(predicate: (received: Received[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
after(async () => {
  for (const r of receivers) await r.close();
});

/** Starts a receiver. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const r: Received = { path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const answer = receiver.answer(r);
      if (answer === 'hold') {
        held.push(res);
        return;
      }
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    held,
    answer: () => ({ status: 200, body: 'ok' }),
    to: (path) => received.filter((r) => r.path === path),
    async waitFor(predicate, what, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}; received ${received.length} requests`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  receivers.push(receiver);
  return receiver;
}

/** Whether a received request verifies with a secret, per Standard Webhooks. */
export function verifies(r: Received, secret: string): boolean {
  try {
    new Webhook(secret).verify(r.body, r.headers);
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on 127.0.0.1 with nothing listening (a receiver that is down). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
