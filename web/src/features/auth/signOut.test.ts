/// <reference types="node" />
// The test runs in Node (vitest environment "node"): the provider below is a real HTTP server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryWebStorage, User, UserManager, type INavigator } from 'oidc-client-ts';
import { webClientSettings } from './oidc';
import { endSession } from './signOut';

// A provider over real HTTP: discovery documents shaped like the auth service's, a Keycloak realm's,
// and one without an end_session_endpoint; revocation requests are recorded.
const ORIGIN = 'http://127.0.0.1:8080';
let server: Server;
let base = '';
const revoked: { path: string; body: string }[] = [];

function discovery(prefix: string, endSession: string | null) {
  return {
    issuer: `${base}${prefix}`,
    authorization_endpoint: `${base}${prefix}/authorize`,
    token_endpoint: `${base}${prefix}/token`,
    revocation_endpoint: `${base}${prefix}/revoke`,
    jwks_uri: `${base}${prefix}/jwks`,
    ...(endSession === null ? {} : { end_session_endpoint: `${base}${prefix}${endSession}` }),
  };
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const path = request.url ?? '';
      const documents: Record<string, object> = {
        '/.well-known/openid-configuration': discovery('', '/connect/endsession'),
        '/realms/chatcloud/.well-known/openid-configuration': discovery('/realms/chatcloud', '/protocol/openid-connect/logout'),
        '/bare/.well-known/openid-configuration': discovery('/bare', null),
      };
      if (request.method === 'POST' && path.endsWith('/revoke')) {
        revoked.push({ path, body: await bodyOf(request) });
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      } else if (documents[path]) {
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(documents[path]));
      } else {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A signed-in tab whose navigations are recorded instead of leaving the page. */
async function signedInTab(authorityPath: string) {
  const navigations: string[] = [];
  const navigator: INavigator = {
    prepare: async () => ({
      navigate: async ({ url }) => {
        navigations.push(url);
        return { url };
      },
      close: () => {},
    }),
    callback: async () => {},
  };
  const settings = { ...webClientSettings(`${base}${authorityPath}`, ORIGIN, new InMemoryWebStorage()), automaticSilentRenew: false };
  const users = new UserManager(settings, navigator);
  await users.storeUser(new User({
    id_token: 'the-id-token',
    access_token: 'the-access-token',
    refresh_token: 'the-refresh-token',
    token_type: 'Bearer',
    profile: { sub: 'kim', iss: `${base}${authorityPath}`, aud: 'chatcloud-web', exp: 0, iat: 0 },
    expires_at: Math.floor(Date.now() / 1000) + 600,
  }));
  return { users, navigations };
}

describe('endSession', () => {
  it('revokes the refresh token, forgets the user and goes to the auth service\'s end-session endpoint', async () => {
    const { users, navigations } = await signedInTab('');

    expect(await endSession(users)).toBe(true);

    expect(revoked.at(-1)?.path).toBe('/revoke');
    expect(new URLSearchParams(revoked.at(-1)?.body).get('token')).toBe('the-refresh-token');
    expect(await users.getUser()).toBeNull();
    const url = new URL(navigations[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/connect/endsession`);
    expect(url.searchParams.get('id_token_hint')).toBe('the-id-token');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/`);
  });

  it('in Keycloak mode goes to the end_session_endpoint the realm\'s discovery names', async () => {
    const { users, navigations } = await signedInTab('/realms/chatcloud');

    expect(await endSession(users)).toBe(true);

    const url = new URL(navigations[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/realms/chatcloud/protocol/openid-connect/logout`);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/`);
  });

  it('without an end_session_endpoint forgets the tokens here and says so', async () => {
    const { users, navigations } = await signedInTab('/bare');

    expect(await endSession(users)).toBe(false);

    expect(navigations).toEqual([]);
    expect(await users.getUser()).toBeNull();
  });
});
