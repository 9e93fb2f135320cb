/**
 * Kafka 2.8's list of inter-broker protocol versions (the values of `inter.broker.protocol.version`
 * and `log.message.format.version`), with the message-format (record) version each one implies.
 *
 * A version string may be a full version (`2.8-IV1`, `0.10.0-IV0`), a short one (`2.8`, `0.10.0`,
 * meaning its latest sub-version) or a release (`2.8.2`, `0.10.2.1`), which keeps only the first
 * two (three for 0.x) dot-separated parts.
 */
import { ConfigException } from './config-def';
import type { ConfigValue, Validator } from './config-def';

export interface ApiVersion {
  /** Full version, e.g. `2.8-IV1`. */
  readonly version: string;
  /** Release line, e.g. `2.8`. */
  readonly shortVersion: string;
  /** Message format (record batch magic) the version writes: 0, 1 or 2. */
  readonly recordVersion: 0 | 1 | 2;
  /** Position in the list; compare versions with it. */
  readonly ordinal: number;
}

const FULL_VERSIONS: readonly string[] = [
  '0.8.0',
  '0.8.1',
  '0.8.2',
  '0.9.0',
  '0.10.0-IV0',
  '0.10.0-IV1',
  '0.10.1-IV0',
  '0.10.1-IV1',
  '0.10.1-IV2',
  '0.10.2-IV0',
  '0.11.0-IV0',
  '0.11.0-IV1',
  '0.11.0-IV2',
  '1.0-IV0',
  '1.1-IV0',
  '2.0-IV0',
  '2.0-IV1',
  '2.1-IV0',
  '2.1-IV1',
  '2.1-IV2',
  '2.2-IV0',
  '2.2-IV1',
  '2.3-IV0',
  '2.3-IV1',
  '2.4-IV0',
  '2.4-IV1',
  '2.5-IV0',
  '2.6-IV0',
  '2.7-IV0',
  '2.7-IV1',
  '2.7-IV2',
  '2.8-IV0',
  '2.8-IV1',
];

function recordVersionOf(shortVersion: string): 0 | 1 | 2 {
  if (/^0\.(8|9)\./.test(shortVersion)) return 0;
  if (shortVersion.startsWith('0.10.')) return 1;
  return 2;
}

export const ALL_API_VERSIONS: readonly ApiVersion[] = FULL_VERSIONS.map((version, ordinal) => {
  const shortVersion = version.split('-')[0] ?? version;
  return { version, shortVersion, recordVersion: recordVersionOf(shortVersion), ordinal };
});

const BY_NAME = new Map<string, ApiVersion>();
for (const v of ALL_API_VERSIONS) BY_NAME.set(v.version, v);
for (const v of ALL_API_VERSIONS) BY_NAME.set(v.shortVersion, v); // later sub-versions win

/** The newest version of 2.8, and the default of both version keys. */
export const LATEST_API_VERSION = '2.8-IV1';

/** Resolves a version string; throws Kafka's `Version `x` is not a valid version` (as a plain Error). */
export function parseApiVersion(versionString: string): ApiVersion {
  const segments = versionString.split('.');
  const wanted = segments.slice(0, versionString.startsWith('0.') ? 3 : 2).join('.');
  const found = BY_NAME.get(wanted);
  if (!found) throw new Error(`Version \`${versionString}\` is not a valid version`);
  return found;
}

/** Looks a full version up by name, e.g. `apiVersion('2.7-IV2')`, for comparisons in code. */
export function apiVersion(name: string): ApiVersion {
  return parseApiVersion(name);
}

/** The oldest version able to write a message format: the IBP a `log.message.format.version` needs. */
export function minSupportedFor(recordVersion: 0 | 1 | 2): ApiVersion {
  return parseApiVersion(['0.8.0', '0.10.0-IV0', '0.11.0-IV0'][recordVersion] ?? '0.11.0-IV0');
}

/** Validator for the two version keys: `Invalid value x for configuration k: Version `x` is not a valid version`. */
export const apiVersionValidator: Validator = {
  ensureValid(key: string, value: ConfigValue): void {
    try {
      parseApiVersion(String(value));
    } catch (e) {
      throw ConfigException.invalid(key, value, e instanceof Error ? e.message : String(e));
    }
  },
  toString(): string {
    return `[${ALL_API_VERSIONS.map((v) => v.version).join(', ')}]`;
  },
};
