/** Network checks against a ZooKeeper server: four-letter words, port state, and free ports. */
import net from 'node:net';

/**
 * Sends a four-letter word (`srvr`, `ruok`...) and returns everything the server writes before
 * it closes the connection. ZooKeeper 3.5+ answers only whitelisted words; `srvr` is on the
 * default list. Rejects on connection errors and after timeoutMs.
 */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`No answer to '${word}' from ${host}:${port}`)),
    );
    socket.on('connect', () => socket.end(word));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** A `srvr` answer from a server that is up says which mode it runs in. */
export function isServingAnswer(srvr: string): boolean {
  return /^Mode: /m.test(srvr);
}

/** True when `srvr` on host:port gets an answer from a serving ZooKeeper. */
export async function isZooKeeperServing(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  try {
    return isServingAnswer(await fourLetterWord(host, port, 'srvr', timeoutMs));
  } catch {
    return false;
  }
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('connect', () => finish(true));
    socket.on('error', () => finish(false));
  });
}

/** A port the OS says is free right now on host (another process may still take it later). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error('No port was assigned')) : resolve(port)));
    });
  });
}

/** Polls check every intervalMs until it returns true or timeoutMs has passed; returns the last result. */
export async function pollUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
