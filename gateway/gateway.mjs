// A real Apollo federation in front of HIT Bridge, for tests/api/gateway.rs:
//
// 1. starts a second small subgraph ("workforce": a regional workforce board's spotlight, which
//    references HIT Bridge's entities by id and adds a field of its own to Program);
// 2. reads HIT Bridge's SDL from `_service { sdl }`, presenting the gateway secret;
// 3. composes both with Apollo's own composition library, failing on any composition error;
// 4. serves an @apollo/gateway on an ephemeral port that forwards the caller's Authorization
//    and traceparent headers to the subgraphs.
//
// Environment: HITBRIDGE_URL (the subgraph's /graphql), GATEWAY_SECRET, SPOTLIGHT (JSON: the ids
// the workforce subgraph references, by type name). Prints `READY <url>` once it serves, and
// exits when its standard input closes.

import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';

const hitbridgeUrl = process.env.HITBRIDGE_URL;
const secret = process.env.GATEWAY_SECRET;
const spotlight = JSON.parse(process.env.SPOTLIGHT);

const workforceTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    "This week's spotlight: one of each HIT Bridge record."
    spotlight: Spotlight!
  }

  type Spotlight {
    program: Program!
    institution: Institution!
    employer: EmployerPartner!
    internship: Internship!
    graduate: Graduate
  }

  type Program @key(fields: "id") {
    id: ID!
    "Open HIT positions in the program's region, by the board's count."
    regionalOpenings: Int!
  }

  type Institution @key(fields: "id", resolvable: false) { id: ID! }
  type EmployerPartner @key(fields: "id", resolvable: false) { id: ID! }
  type Internship @key(fields: "id", resolvable: false) { id: ID! }
  type Graduate @key(fields: "id", resolvable: false) { id: ID! }
`);

const workforceResolvers = {
  Query: {
    spotlight: () => ({
      program: { id: spotlight.Program },
      institution: { id: spotlight.Institution },
      employer: { id: spotlight.EmployerPartner },
      internship: { id: spotlight.Internship },
      graduate: { id: spotlight.Graduate },
    }),
  },
  Program: {
    __resolveReference: ({ id }) => ({ id }),
    // A fixed figure per program: the test checks it arrives through the gateway.
    regionalOpenings: ({ id }) => id.length,
  },
};

async function main() {
  const workforce = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: workforceTypeDefs, resolvers: workforceResolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url: workforceUrl } = await startStandaloneServer(workforce, {
    listen: { host: '127.0.0.1', port: 0 },
  });

  const reply = await fetch(hitbridgeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hitbridge-gateway-secret': secret },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = await reply.json();
  const sdl = body?.data?._service?.sdl;
  if (!sdl) {
    throw new Error(`HIT Bridge did not serve its SDL: ${JSON.stringify(body)}`);
  }

  const composed = composeServices([
    { name: 'hitbridge', url: hitbridgeUrl, typeDefs: parse(sdl) },
    { name: 'workforce', url: workforceUrl, typeDefs: workforceTypeDefs },
  ]);
  if (composed.errors) {
    throw new Error(`composition failed:\n${composed.errors.map((e) => e.toString()).join('\n')}`);
  }

  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request, context }) {
          for (const name of ['authorization', 'traceparent']) {
            if (context[name]) request.http.headers.set(name, context[name]);
          }
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({
      authorization: req.headers.authorization,
      traceparent: req.headers.traceparent,
    }),
  });
  process.stdout.write(`READY ${url}\n`);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
