/**
 * `kafka-topics.sh --describe | head`: when the reader of stdout goes away, exit quietly as the JVM
 * tools do, instead of dying with an unhandled EPIPE.
 */
export function exitQuietlyOnBrokenPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
