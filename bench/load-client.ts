// Runs in its own process so the load generator does not share the server's event loop.
import autocannon from 'autocannon';

const [url, pathsJson, seconds, connections, rate] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const paths = JSON.parse(pathsJson) as string[];
let i = 0;
// seconds = 0: one pass over the paths (warm-up); rate: a fixed offered load instead of saturation.
const result = await autocannon({
  url,
  connections: Number(connections),
  ...(Number(seconds) > 0 ? { duration: Number(seconds) } : { amount: paths.length }),
  ...(rate ? { overallRate: Number(rate) } : {}),
  requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
