/// <reference types="node" />
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server on a loopback port standing in for the gateway in component tests: it answers
// the documented shapes (docs/analytics.md, docs/ml.md, docs/security.md) and records what it was
// asked, and the page's address is set to it so the app's relative /api/… URLs reach it.

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Routes = Record<string, (request: Request) => Reply>;

export interface ApiServer {
  origin: string;
  requests: Request[];
  close: () => Promise<void>;
}

async function read(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? undefined : JSON.parse(text);
}

/** Routes are keyed "METHOD /path" (no query); anything else is a 404 problem, as the services answer. */
export async function startApi(routes: Routes): Promise<ApiServer> {
  const requests: Request[] = [];
  const server = createServer((incoming, outgoing) => {
    void read(incoming).then((body) => {
      const url = new URL(incoming.url ?? '/', 'http://localhost');
      const request: Request = { method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: incoming.headers.authorization, body };
      requests.push(request);
      const handler = routes[`${request.method} ${request.path}`];
      const reply = handler ? handler(request) : { status: 404 };
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      outgoing.writeHead(reply.status, { 'Content-Type': typeof reply.body === 'string' ? 'text/plain' : 'application/json', ...reply.headers });
      outgoing.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (window as unknown as { happyDOM: { setURL: (url: string) => void } }).happyDOM.setURL(`${origin}/`);
  return { origin, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export const problem = (status: number, title: string, detail?: string): Reply =>
  ({ status, body: { status, title, detail }, headers: { 'Content-Type': 'application/problem+json' } });

export const token = () => Promise.resolve('test-token');
