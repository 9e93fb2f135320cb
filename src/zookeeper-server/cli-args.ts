/** Argument parsing for the start script and the shell script, kept pure for the unit tests. */

export type StartArgs =
  | { readonly kind: 'run'; readonly daemon: boolean; readonly propertiesFile: string }
  | { readonly kind: 'usage'; readonly error?: string };

/** `[-daemon] zookeeper.properties`, options first, as Kafka's launcher reads them. */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  let daemon = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-daemon') daemon = true;
    else if (arg === '-h' || arg === '--help' || arg === '-help') return { kind: 'usage' };
    else if (arg.startsWith('-')) return { kind: 'usage', error: `Unknown option: ${arg}` };
    else break;
  }
  const rest = argv.slice(i);
  const propertiesFile = rest[0];
  if (propertiesFile === undefined) return { kind: 'usage' };
  if (rest.length > 1) return { kind: 'usage', error: `Unexpected arguments: ${rest.slice(1).join(' ')}` };
  return { kind: 'run', daemon, propertiesFile };
}

export function startUsage(scriptName: string): string {
  return `USAGE: ${scriptName} [-daemon] zookeeper.properties`;
}

export type ShellArgs =
  | { readonly kind: 'run'; readonly server: string; readonly command: readonly string[] }
  | { readonly kind: 'usage' };

/** `host:port[/chroot] [command ...]`; without a command ZooKeeper's shell is interactive. */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const [server, ...command] = argv;
  if (server === undefined || server === '' || server.startsWith('-')) return { kind: 'usage' };
  return { kind: 'run', server, command };
}

export function shellUsage(scriptName: string): string {
  return `USAGE: ${scriptName} zookeeper_host:port[/path] [args...]`;
}
