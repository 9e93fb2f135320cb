/**
 * A small, typed take on Kafka's `ConfigDef`: a table of keys, each with a type, a default (or none,
 * meaning required), an optional validator and an importance, plus the parsing rules Kafka applies
 * to string values and the exact wording of Kafka's `ConfigException` messages.
 *
 * Types and their TypeScript values:
 * - BOOLEAN → boolean (`true`/`false`, any case); STRING → string (trimmed); LIST → string[]
 *   (comma separated, blanks around commas dropped, empty string → []); CLASS → string (the class
 *   name; nothing is loaded); PASSWORD → {@link Password}; DOUBLE → number;
 * - INT, SHORT → number, checked to fit 32 and 16 bits;
 * - LONG → number. Parsed through BigInt so that anything outside the signed 64-bit range is
 *   rejected as Kafka does; the value is then kept as a JS number, which is exact up to 2^53. Every
 *   broker LONG (milliseconds, bytes, counts) stays far below that, except the "never" sentinel
 *   `Long.MAX_VALUE`, which becomes {@link LONG_MAX} (2^63 as a double, never reached by a counter and
 *   printed back as 9223372036854775807). Don't hand such a value to `setTimeout` unclamped.
 */

/** Thrown for every invalid configuration, with Kafka's wording. */
export class ConfigException extends Error {
  /** The configuration key at fault, when there is one. */
  readonly key: string | null;

  constructor(message: string, key: string | null = null) {
    super(message);
    this.name = 'ConfigException';
    this.key = key;
  }

  /** `Invalid value <value> for configuration <key>: <reason>`, Kafka's usual form. */
  static invalid(key: string, value: unknown, reason: string | null): ConfigException {
    const shown = value === null || value === undefined ? 'null' : displayValue(value);
    return new ConfigException(
      `Invalid value ${shown} for configuration ${key}${reason == null ? '' : `: ${reason}`}`,
      key,
    );
  }
}

/** A secret: `toString()` (and so every log line) shows `[hidden]`; `.value` is the secret. */
export class Password {
  static readonly HIDDEN = '[hidden]';
  constructor(readonly value: string) {}
  toString(): string {
    return Password.HIDDEN;
  }
}

export type ConfigType =
  'BOOLEAN' | 'STRING' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'LIST' | 'CLASS' | 'PASSWORD';
export type Importance = 'HIGH' | 'MEDIUM' | 'LOW';
export type ConfigValue = boolean | number | string | readonly string[] | Password | null;

/** `Long.MAX_VALUE` as a JS number (2^63); see the module comment. */
export const LONG_MAX = 2 ** 63;
export const LONG_MIN = -(2 ** 63);
export const INT_MAX = 2 ** 31 - 1;
export const INT_MIN = -(2 ** 31);
export const SHORT_MAX = 2 ** 15 - 1;
export const SHORT_MIN = -(2 ** 15);

/** Marks a key that must be supplied (Kafka's `NO_DEFAULT_VALUE`). */
export const NO_DEFAULT: unique symbol = Symbol('NO_DEFAULT');
export type RawDefault = string | number | boolean | null | readonly string[] | typeof NO_DEFAULT;

export interface Validator {
  /** Throws a ConfigException when `value` (already parsed, possibly null) is not acceptable. */
  ensureValid(key: string, value: ConfigValue, type: ConfigType): void;
  /** Kafka's "Valid Values" text, e.g. `[1,...]`. */
  toString(): string;
}

/** One row of a key table, as written in the source (the default still raw). */
export interface KeySpec<N extends string = string> {
  readonly name: N;
  readonly type: ConfigType;
  readonly defaultValue: RawDefault;
  readonly importance: Importance;
  readonly validator: Validator | null;
  /** Kafka's `defineInternal`: parsed and logged like any other key, but not documented. */
  readonly internal: boolean;
}

/** Builds a {@link KeySpec}; the key name keeps its literal type so tables give a union of names. */
export function key<const N extends string>(
  name: N,
  type: ConfigType,
  defaultValue: RawDefault,
  importance: Importance,
  validator: Validator | null = null,
  internal = false,
): KeySpec<N> {
  return { name, type, defaultValue, importance, validator, internal };
}

/** Java's `Double.toString`, which Kafka's messages and logs use for DOUBLE values. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa = '', exponent = ''] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}

/** Java's `Long.toString` for a LONG held as a number (exact when safe; 2^63 prints as Long.MAX_VALUE). */
export function javaLong(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (n >= LONG_MAX) return '9223372036854775807';
  if (n <= LONG_MIN) return '-9223372036854775808';
  return BigInt(n).toString();
}

function displayValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

/** Formats a parsed value the way Java's `toString` prints it in `KafkaConfig values:` dumps. */
export function formatValue(type: ConfigType, value: ConfigValue): string {
  if (value === null) return 'null';
  switch (type) {
    case 'LONG':
      return javaLong(value as number);
    case 'DOUBLE':
      return javaDouble(value as number);
    case 'LIST':
      return displayValue(value);
    case 'CLASS':
      return `class ${String(value)}`;
    default:
      return String(value);
  }
}

const JAVA_INTEGER = /^[+-]?\d+$/;
const JAVA_DOUBLE = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;

function parseInteger(key: string, raw: string, type: ConfigType, min: bigint, max: bigint): number {
  const trimmed = raw.trim();
  if (JAVA_INTEGER.test(trimmed)) {
    const big = BigInt(trimmed);
    if (big >= min && big <= max) return Number(big);
  }
  throw ConfigException.invalid(key, raw, `Not a number of type ${type}`);
}

/** Parses one string value by type, with Kafka's rules and messages (`ConfigDef.parseType`). */
export function parseType(key: string, raw: string, type: ConfigType): ConfigValue {
  const trimmed = raw.trim();
  switch (type) {
    case 'BOOLEAN':
      if (trimmed.toLowerCase() === 'true') return true;
      if (trimmed.toLowerCase() === 'false') return false;
      throw ConfigException.invalid(key, raw, 'Expected value to be either true or false');
    case 'STRING':
      return trimmed;
    case 'CLASS':
      if (trimmed === '') throw ConfigException.invalid(key, raw, `Class ${raw} could not be found.`);
      return trimmed;
    case 'PASSWORD':
      return new Password(trimmed);
    case 'INT':
      return parseInteger(key, raw, type, BigInt(INT_MIN), BigInt(INT_MAX));
    case 'SHORT':
      return parseInteger(key, raw, type, BigInt(SHORT_MIN), BigInt(SHORT_MAX));
    case 'LONG':
      return parseInteger(key, raw, type, -(2n ** 63n), 2n ** 63n - 1n);
    case 'DOUBLE':
      if (!JAVA_DOUBLE.test(trimmed)) throw ConfigException.invalid(key, raw, 'Not a number of type DOUBLE');
      return Number(trimmed.replace(/[fFdD]$/, ''));
    case 'LIST':
      return trimmed === '' ? [] : trimmed.split(/\s*,\s*/);
  }
}

/** Turns a table default into a typed value (numbers and booleans may be given as such). */
function parseDefault(spec: KeySpec): ConfigValue {
  const d = spec.defaultValue;
  if (d === null || d === NO_DEFAULT) return null;
  if (Array.isArray(d)) return [...(d as readonly string[])];
  return parseType(spec.name, String(d), spec.type);
}

/** The definition of a set of keys, in definition order. */
export class ConfigDef {
  private readonly keys = new Map<string, KeySpec & { parsedDefault: ConfigValue }>();

  constructor(specs: readonly KeySpec[] = []) {
    for (const spec of specs) this.define(spec);
  }

  /** Adds a key; a default that its own validator rejects is a programming error and throws. */
  define(spec: KeySpec): this {
    if (this.keys.has(spec.name)) throw new Error(`Configuration ${spec.name} is defined twice.`);
    const parsedDefault = parseDefault(spec);
    if (spec.defaultValue !== NO_DEFAULT) spec.validator?.ensureValid(spec.name, parsedDefault, spec.type);
    this.keys.set(spec.name, { ...spec, parsedDefault });
    return this;
  }

  has(name: string): boolean {
    return this.keys.has(name);
  }

  spec(name: string): KeySpec | undefined {
    return this.keys.get(name);
  }

  names(): string[] {
    return [...this.keys.keys()];
  }

  /** The parsed default of a key (null when it has none). */
  defaultOf(name: string): ConfigValue {
    return this.keys.get(name)?.parsedDefault ?? null;
  }

  /**
   * Parses every defined key from `props` (or its default) and validates it, in definition order;
   * the first problem throws. Keys of `props` that are not defined are ignored here.
   */
  parse(props: ReadonlyMap<string, string>): Map<string, ConfigValue> {
    const values = new Map<string, ConfigValue>();
    for (const [name, k] of this.keys) {
      const raw = props.get(name);
      let value: ConfigValue;
      if (raw !== undefined) value = parseType(name, raw, k.type);
      else if (k.defaultValue === NO_DEFAULT)
        throw new ConfigException(
          `Missing required configuration "${name}" which has no default value.`,
          name,
        );
      else value = k.parsedDefault;
      k.validator?.ensureValid(name, value, k.type);
      values.set(name, value);
    }
    return values;
  }
}

/** The first non-null value along a chain of synonyms, each scaled to a common unit (e.g. to ms). */
export function resolveSynonyms(
  values: ReadonlyMap<string, ConfigValue>,
  chain: readonly (readonly [key: string, scale: number])[],
): number | null {
  for (const [name, scale] of chain) {
    const v = values.get(name);
    if (typeof v === 'number') return v * scale;
  }
  return null;
}

/** A numeric range (`Range.atLeast`, `Range.between`): `Value must be at least <min>` / `no more than <max>`. */
export class Range implements Validator {
  private constructor(
    readonly min: number | null,
    readonly max: number | null,
  ) {}

  static atLeast(min: number): Range {
    return new Range(min, null);
  }

  static between(min: number, max: number): Range {
    return new Range(min, max);
  }

  ensureValid(key: string, value: ConfigValue, type: ConfigType): void {
    if (value === null) throw ConfigException.invalid(key, null, 'Value must be non-null');
    const n = value as number;
    const shown = formatValue(type, n);
    if (this.min !== null && n < this.min)
      throw ConfigException.invalid(key, shown, `Value must be at least ${this.min}`);
    if (this.max !== null && n > this.max)
      throw ConfigException.invalid(key, shown, `Value must be no more than ${this.max}`);
  }

  toString(): string {
    if (this.min === null) return `[...,${this.max}]`;
    return this.max === null ? `[${this.min},...]` : `[${this.min},...,${this.max}]`;
  }
}

/** One of a fixed set of strings (`ValidString.in`): `String must be one of: a, b`. */
export class ValidString implements Validator {
  private constructor(readonly validStrings: readonly string[]) {}

  static in(...validStrings: string[]): ValidString {
    return new ValidString(validStrings);
  }

  ensureValid(key: string, value: ConfigValue): void {
    if (typeof value !== 'string' || !this.validStrings.includes(value))
      throw ConfigException.invalid(key, value, `String must be one of: ${this.validStrings.join(', ')}`);
  }

  toString(): string {
    return `[${this.validStrings.join(', ')}]`;
  }
}

/** A list whose every element is one of a fixed set (`ValidList.in`); the message names the bad element. */
export class ValidList implements Validator {
  private readonly element: ValidString;

  private constructor(validStrings: readonly string[]) {
    this.element = ValidString.in(...validStrings);
  }

  static in(...validStrings: string[]): ValidList {
    return new ValidList(validStrings);
  }

  ensureValid(key: string, value: ConfigValue): void {
    for (const item of (value as readonly string[] | null) ?? []) this.element.ensureValid(key, item);
  }

  toString(): string {
    return this.element.toString();
  }
}

/** A string that, when set, is not empty (`NonEmptyString`): `String must be non-empty`. */
export class NonEmptyString implements Validator {
  ensureValid(key: string, value: ConfigValue): void {
    if (value === '') throw ConfigException.invalid(key, value, 'String must be non-empty');
  }

  toString(): string {
    return 'non-empty string';
  }
}
