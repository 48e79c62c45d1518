// The GraphQL-over-HTTP conformance audits of graphql-http (the reference implementation's
// suite) against HIT Bridge at HITBRIDGE_URL: prints one JSON line per audit, then exits.
import { auditServer } from 'graphql-http';

const results = await auditServer({ url: process.env.HITBRIDGE_URL });
for (const r of results) {
  const line = { name: r.name, status: r.status };
  if (r.status !== 'ok') {
    line.reason = r.reason;
  }
  console.log(JSON.stringify(line));
}
