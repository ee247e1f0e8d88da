/**
 * A webhook receiver for the fan-out benchmark, in its own process so that it doesn't share the
 * worker's event loop: answers 204 to every POST, counts them and the distinct webhook-ids, and
 * verifies the Standard Webhooks signature of every 50th request against the secret it is given.
 * It tells its parent its port, and its counts when asked.
 *
 *   node --import tsx bench/webhook-receiver.ts <secret>   (started by incident-fanout.bench.ts)
 */
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.argv[2];
if (!secret || !process.send) {
  console.error('Usage: started by bench/incident-fanout.bench.ts with a secret, over IPC.');
  process.exit(2);
}
const verifier = new Webhook(secret);
let received = 0;
let verified = 0;
let badSignatures = 0;
const ids = new Set<string>();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received++;
    const id = String(req.headers['webhook-id'] ?? '');
    ids.add(`${req.url} ${id}`);
    if (received % 50 === 0) {
      try {
        verifier.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        verified++;
      } catch {
        badSignatures++;
      }
    }
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (m: unknown) => {
  if (m === 'counts') process.send!({ received, distinct: ids.size, verified, badSignatures });
  if (m === 'stop') server.close(() => process.exit(0));
});
