/**
 * The parsed form of a set of string properties against a {@link ConfigDef} (Kafka's `AbstractConfig`):
 * typed getters, the original strings, the keys nobody defined, and the `<Name> values:` log dump.
 *
 * Lifecycle: immutable once constructed; construction parses and validates everything and throws a
 * ConfigException on the first invalid value. Safe to share.
 */
import { ConfigException, formatValue } from './config-def';
import type { ConfigDef, ConfigType, ConfigValue, Password } from './config-def';

export class AbstractConfig<K extends string = string> {
  /** The properties as supplied (file plus overrides), in their original order. */
  readonly originals: ReadonlyMap<string, string>;
  protected readonly values: ReadonlyMap<string, ConfigValue>;

  constructor(
    readonly definition: ConfigDef,
    originals: ReadonlyMap<string, string>,
    private readonly logName: string,
  ) {
    this.originals = new Map(originals);
    this.values = definition.parse(this.originals);
  }

  /** The parsed value of a defined key (null when unset without default); undefined for an unknown key. */
  get(key: K | (string & {})): ConfigValue | undefined {
    return this.values.get(key);
  }

  /** The string exactly as supplied, or undefined when the key was not supplied. */
  originalString(key: string): string | undefined {
    return this.originals.get(key);
  }

  /** Whether the key was supplied (as opposed to defaulted). */
  isSupplied(key: string): boolean {
    return this.originals.has(key);
  }

  /** All parsed values, keyed by name, in definition order. */
  allValues(): ReadonlyMap<string, ConfigValue> {
    return this.values;
  }

  /** Supplied keys that the definition does not know, in supply order, minus those `isKnown` accepts. */
  unknownKeys(isKnown: (key: string) => boolean = () => false): string[] {
    return [...this.originals.keys()].filter((k) => !this.definition.has(k) && !isKnown(k));
  }

  /**
   * The multi-line dump `AbstractConfig` logs at INFO: `<Name> values: ` then one `\t<key> = <value>`
   * line per defined key, sorted by key; passwords print as `[hidden]`, unset values as `null`.
   */
  toLogString(): string {
    const lines = [...this.values.keys()].sort().map((k) => `\t${k} = ${this.formatted(k)}\n`);
    return `${this.logName} values: \n${lines.join('')}`;
  }

  private formatted(key: string): string {
    const type = this.definition.spec(key)?.type ?? 'STRING';
    return formatValue(type, this.values.get(key) ?? null);
  }

  private typed(key: string, types: readonly ConfigType[]): ConfigValue {
    const spec = this.definition.spec(key);
    if (!spec) throw new ConfigException(`Unknown configuration '${key}'`, key);
    if (!types.includes(spec.type))
      throw new Error(`Configuration ${key} is of type ${spec.type}, not ${types[0]}`);
    return this.values.get(key) ?? null;
  }

  private required<T>(key: string, value: T | null): T {
    if (value === null) throw new Error(`Configuration ${key} has no value`);
    return value;
  }

  getIntOrNull(key: K): number | null {
    return this.typed(key, ['INT', 'SHORT']) as number | null;
  }
  getInt(key: K): number {
    return this.required(key, this.getIntOrNull(key));
  }
  getShort(key: K): number {
    return this.required(key, this.typed(key, ['SHORT']) as number | null);
  }
  getLongOrNull(key: K): number | null {
    return this.typed(key, ['LONG']) as number | null;
  }
  getLong(key: K): number {
    return this.required(key, this.getLongOrNull(key));
  }
  getDouble(key: K): number {
    return this.required(key, this.typed(key, ['DOUBLE']) as number | null);
  }
  getBoolean(key: K): boolean {
    return this.required(key, this.typed(key, ['BOOLEAN']) as boolean | null);
  }
  getStringOrNull(key: K): string | null {
    return this.typed(key, ['STRING']) as string | null;
  }
  getString(key: K): string {
    return this.required(key, this.getStringOrNull(key));
  }
  getListOrNull(key: K): readonly string[] | null {
    return this.typed(key, ['LIST']) as readonly string[] | null;
  }
  getList(key: K): readonly string[] {
    return this.required(key, this.getListOrNull(key));
  }
  getPassword(key: K): Password | null {
    return this.typed(key, ['PASSWORD']) as Password | null;
  }
  /** A CLASS key's class name (nothing is loaded). */
  getClassName(key: K): string | null {
    return this.typed(key, ['CLASS']) as string | null;
  }
}
