// An Apollo federation gateway in front of HIT Bridge (and any other subgraphs): it reads each
// subgraph's SDL from `_service { sdl }`, presenting the gateway secret HIT Bridge asks for while
// its introspection is off, composes them with Apollo's composition library (any composition
// error stops it), and serves the supergraph, forwarding each caller's Authorization and W3C
// traceparent headers to the subgraphs so that they answer as that caller may see, and the
// caller's address in X-Forwarded-For (HIT Bridge believes it when HITBRIDGE_TRUSTED_PROXIES
// names this gateway, and then limits anonymous callers each by their own address).

import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/** The headers passed on from the caller to every subgraph. */
const FORWARDED = ['authorization', 'traceparent'];

/** How long to keep asking a subgraph that is not up yet for its SDL. */
const SDL_PATIENCE_MS = 60_000;

/** A subgraph's SDL, asked for until it answers or patience runs out. */
async function sdlOf({ name, url }, secret) {
  const headers = { 'content-type': 'application/json' };
  if (secret) headers['x-hitbridge-gateway-secret'] = secret;
  const giveUp = Date.now() + SDL_PATIENCE_MS;
  for (;;) {
    try {
      const reply = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = await reply.json();
      const sdl = body?.data?._service?.sdl;
      if (sdl) return sdl;
      throw new Error(`no SDL in ${JSON.stringify(body)}`);
    } catch (err) {
      if (Date.now() > giveUp) throw new Error(`subgraph ${name} (${url}): ${err.message}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/**
 * Composes `subgraphs` ({ name, url, typeDefs? }: those without typeDefs are asked for their SDL)
 * and serves the gateway on host:port. Resolves to its URL.
 */
export async function serveGateway({ subgraphs, secret, host = '127.0.0.1', port = 0 }) {
  const services = [];
  for (const subgraph of subgraphs) {
    const typeDefs = subgraph.typeDefs ?? parse(await sdlOf(subgraph, secret));
    services.push({ name: subgraph.name, url: subgraph.url, typeDefs });
  }
  const composed = composeServices(services);
  if (composed.errors) {
    throw new Error(`composition failed:\n${composed.errors.map(String).join('\n')}`);
  }
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request, context }) {
          for (const name of FORWARDED) {
            if (context[name]) request.http.headers.set(name, context[name]);
          }
          if (context.client) request.http.headers.set('x-forwarded-for', context.client);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host, port },
    context: async ({ req }) => ({
      ...Object.fromEntries(FORWARDED.map((h) => [h, req.headers[h]])),
      // The chain so far, then the address this request came from.
      client: [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
    }),
  });
  return url;
}
