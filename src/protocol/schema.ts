/**
 * The declarative message schema: each request/response is described once (fields, types, the
 * versions each field exists in, nullability, tagged fields, defaults) and one table-driven codec
 * (./codec.ts) reads and writes every version of it.
 *
 * Version specs use Kafka's textual form: '3+' (3 and later), '1-4' (inclusive), '5' (only 5),
 * 'none'.
 *
 * The TypeScript value types are derived from the schema literals (`as const`), so the types and the
 * codec cannot drift apart:
 *   - `MessageData<S>`  every field present (what decoding returns; absent fields hold defaults),
 *   - `MessageInput<S>` fields that exist in every version are required, the rest optional (what
 *     encoding accepts; missing fields are encoded as their defaults).
 */
import type { RawTaggedField } from './reader';

/** A set of versions: 'N+', 'A-B', 'N' or 'none'. */
export type VersionSpec = 'none' | `${number}+` | `${number}-${number}` | `${number}`;

/** Primitive field types. `records` is carried as a raw Buffer (or null), never decoded here. */
export type ScalarType =
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'uuid'
  | 'records';

/** Element types allowed in arrays of primitives. */
export type ArrayItemType = Exclude<ScalarType, 'records'>;

/** A default value as written in a schema (int64 defaults are bigint literals). */
export type DefaultValue = number | bigint | string | boolean | null;

interface FieldCommon {
  /** camelCase of Kafka's field name. */
  readonly name: string;
  /** Versions in which the field exists. */
  readonly versions: VersionSpec;
  /** Versions in which the field may be null (strings, bytes, records, arrays). */
  readonly nullableVersions?: VersionSpec;
  /** Versions in which the field is carried in the tag buffer instead of in line. */
  readonly taggedVersions?: VersionSpec;
  /** The tag, when `taggedVersions` is set. */
  readonly tag?: number;
  /** When true, a non-default value is silently dropped at versions lacking the field. */
  readonly ignorable?: boolean;
  readonly about?: string;
}

export interface ScalarField extends FieldCommon {
  readonly type: ScalarType;
  readonly default?: DefaultValue;
}

/** A single nested struct (Kafka's `"type": "SomeStruct"`). */
export interface StructField extends FieldCommon {
  readonly type: 'struct';
  readonly fields: readonly Field[];
}

/** An array of structs (Kafka's `"type": "[]SomeStruct"`). */
export interface StructArrayField extends FieldCommon {
  readonly type: 'array';
  readonly fields: readonly Field[];
  readonly default?: null;
}

/** An array of primitives (Kafka's `"type": "[]int32"`). */
export interface ScalarArrayField extends FieldCommon {
  readonly type: 'array';
  readonly items: ArrayItemType;
  readonly default?: null;
}

export type Field = ScalarField | StructField | StructArrayField | ScalarArrayField;

export interface MessageSchema {
  readonly apiKey: number;
  /** E.g. 'MetadataRequest'. */
  readonly name: string;
  readonly kind: 'request' | 'response';
  /** Inclusive [min, max] of the versions this schema covers. */
  readonly validVersions: readonly [number, number];
  /** Versions using compact encodings and tag buffers: 'N+' or 'none'. */
  readonly flexibleVersions: VersionSpec;
  readonly fields: readonly Field[];
}

// ---------------------------------------------------------------------------------------------
// Version ranges at runtime

export interface VersionRange {
  readonly min: number;
  /** Inclusive; Infinity for 'N+'. */
  readonly max: number;
}

const NONE: VersionRange = { min: 1, max: 0 };
const rangeCache = new Map<string, VersionRange>();

/** Parses a version spec ('3+', '1-4', '5', 'none'). */
export function parseVersions(spec: VersionSpec): VersionRange {
  const cached = rangeCache.get(spec);
  if (cached) return cached;
  let r: VersionRange;
  let m: RegExpExecArray | null;
  if (spec === 'none') r = NONE;
  else if ((m = /^(\d+)\+$/.exec(spec))) r = { min: Number(m[1]), max: Infinity };
  else if ((m = /^(\d+)-(\d+)$/.exec(spec))) r = { min: Number(m[1]), max: Number(m[2]) };
  else if ((m = /^(\d+)$/.exec(spec))) r = { min: Number(m[1]), max: Number(m[1]) };
  else throw new Error(`invalid version spec '${spec}'`);
  rangeCache.set(spec, r);
  return r;
}

/** Whether `version` is in the spec (undefined means no versions). */
export function inVersions(spec: VersionSpec | undefined, version: number): boolean {
  if (spec === undefined) return false;
  const r = parseVersions(spec);
  return version >= r.min && version <= r.max;
}

// ---------------------------------------------------------------------------------------------
// Value types derived from schema literals

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ScalarValue<T> = T extends 'int64'
  ? bigint
  : T extends 'bool'
    ? boolean
    : T extends 'string' | 'uuid'
      ? string
      : T extends 'bytes' | 'records'
        ? Buffer
        : number;

type NullIf<F> = F extends { readonly nullableVersions: VersionSpec } ? null : never;

type Tuple<N extends number, T extends unknown[] = []> = T['length'] extends N ? T : Tuple<N, [...T, 0]>;
type LessOrEqual<A extends number, B extends number> =
  Tuple<B> extends [...Tuple<A>, ...unknown[]] ? true : false;

/** First version of a spec ('3+' -> 3, '1-4' -> 1). Bounded specs count as "not always present". */
type OpenStart<V> = V extends `${infer N extends number}+` ? N : never;

/** A field is required on input when it is never tagged and exists from its container's first version on. */
type AlwaysPresent<F, P extends number> = F extends { readonly taggedVersions: VersionSpec }
  ? false
  : F extends { readonly versions: infer V }
    ? [OpenStart<V>] extends [never]
      ? false
      : LessOrEqual<OpenStart<V>, P>
    : false;

/** The first version at which a nested struct's fields can appear. */
type ChildStart<F, P extends number> = F extends { readonly versions: infer V }
  ? V extends `${infer N extends number}+`
    ? N
    : V extends `${infer N extends number}-${number}`
      ? N
      : V extends `${infer N extends number}`
        ? N
        : P
  : P;

type Mode = 'data' | 'input';

type FieldValue<F, M extends Mode, P extends number> = F extends {
  readonly type: 'struct';
  readonly fields: infer S extends readonly Field[];
}
  ? StructValue<S, M, ChildStart<F, P>>
  : F extends { readonly type: 'array'; readonly fields: infer S extends readonly Field[] }
    ? StructValue<S, M, ChildStart<F, P>>[] | NullIf<F>
    : F extends { readonly type: 'array'; readonly items: infer I }
      ? ScalarValue<I>[] | NullIf<F>
      : F extends { readonly type: infer T }
        ? ScalarValue<T> | NullIf<F>
        : never;

type IsRequired<F, M extends Mode, P extends number> = M extends 'data' ? true : AlwaysPresent<F, P>;

/** Unknown tagged fields met while decoding a struct; re-encoded unchanged. */
export interface UnknownTagged {
  unknownTaggedFields?: RawTaggedField[];
}

export type StructValue<S extends readonly Field[], M extends Mode, P extends number> = Simplify<
  {
    [F in S[number] as IsRequired<F, M, P> extends true ? F['name'] : never]: FieldValue<F, M, P>;
  } & {
    [F in S[number] as IsRequired<F, M, P> extends true ? never : F['name']]?: FieldValue<F, M, P>;
  } & UnknownTagged
>;

/** The decoded value of a message: every field present. */
export type MessageData<S extends MessageSchema> = StructValue<S['fields'], 'data', S['validVersions'][0]>;

/** What encoding accepts: fields missing from some versions may be omitted (defaults are used). */
export type MessageInput<S extends MessageSchema> = StructValue<S['fields'], 'input', S['validVersions'][0]>;
