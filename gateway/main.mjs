// The gateway as a service (docker-compose.yml): SUBGRAPHS lists `name=url` pairs separated by
// commas, GATEWAY_SECRET is HIT Bridge's HITBRIDGE_GATEWAY_SECRET, PORT defaults to 4000.

import { serveGateway } from './gateway.mjs';

const subgraphs = (process.env.SUBGRAPHS ?? 'hitbridge=http://127.0.0.1:8080/graphql')
  .split(',')
  .map((pair) => {
    const [name, url] = pair.split('=');
    return { name: name.trim(), url: url.trim() };
  });

serveGateway({
  subgraphs,
  secret: process.env.GATEWAY_SECRET,
  host: process.env.HOST ?? '0.0.0.0',
  port: Number(process.env.PORT ?? 4000),
})
  .then((url) => console.log(`gateway serving ${url}`))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
