/**
 * A deliberately small reader for Java `.properties` text: just enough for the launcher to
 * learn `dataDir`, `clientPort` and a few other ZooKeeper keys. ZooKeeper itself parses the
 * file when it runs locally; this reader matters for the Docker path and for error messages.
 *
 * Understood: `#` and `!` comment lines, `key=value`, `key: value` and `key value`, blanks
 * around separators, lines continued with a trailing backslash, and backslash escapes
 * (`\t`, `\n`, `\uXXXX`, `\=`...). Later duplicates win, as in java.util.Properties.
 */
export function readJavaProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const trimmed = line.replace(/^[ \t\f]+/, '');
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const [key, value] = splitKeyValue(trimmed);
    result.set(unescape(key), unescape(value));
  }
  return result;
}

/** Joins physical lines that end in an odd number of backslashes with the line after them. */
function logicalLines(text: string): string[] {
  const physical = text.split(/\r\n|\r|\n/);
  const logical: string[] = [];
  let pending: string | undefined;
  for (const raw of physical) {
    const line = pending === undefined ? raw : pending + raw.replace(/^[ \t\f]+/, '');
    const trailing = /\\*$/.exec(line)?.[0].length ?? 0;
    if (trailing % 2 === 1) {
      pending = line.slice(0, -1);
    } else {
      pending = undefined;
      logical.push(line);
    }
  }
  if (pending !== undefined) logical.push(pending);
  return logical;
}

function splitKeyValue(line: string): [string, string] {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    i += 1;
  }
  const key = line.slice(0, i);
  let rest = line.slice(i).replace(/^[ \t\f]+/, '');
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]+/, '');
  return [key, rest];
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, code: string) => {
    if (code.length === 5) return String.fromCharCode(parseInt(code.slice(1), 16));
    switch (code) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      default:
        return code;
    }
  });
}
