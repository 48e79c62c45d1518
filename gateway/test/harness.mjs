// For tests/api/gateway.rs: a second small subgraph ("workforce": a regional workforce board's
// spotlight, which references HIT Bridge's entities by id and adds a field of its own to
// Program) and the gateway composed over it and HIT Bridge.
//
// Environment: HITBRIDGE_URL (the subgraph's /graphql), GATEWAY_SECRET, SPOTLIGHT (JSON: the ids
// the spotlight references, by type name). Prints `READY <url>` once the gateway serves, and
// exits when its standard input closes.

import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { serveGateway } from '../gateway.mjs';

const spotlight = JSON.parse(process.env.SPOTLIGHT);

const typeDefs = parse(`
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

const resolvers = {
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
    // A figure of each program's own (its id's first four hex digits): the test checks that
    // each program arrives through the gateway with its own.
    regionalOpenings: ({ id }) => parseInt(id.slice(0, 4), 16),
  },
};

async function main() {
  const workforce = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url: workforceUrl } = await startStandaloneServer(workforce, {
    listen: { host: '127.0.0.1', port: 0 },
  });
  const url = await serveGateway({
    subgraphs: [
      { name: 'hitbridge', url: process.env.HITBRIDGE_URL },
      { name: 'workforce', url: workforceUrl, typeDefs },
    ],
    secret: process.env.GATEWAY_SECRET,
  });
  process.stdout.write(`READY ${url}\n`);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
