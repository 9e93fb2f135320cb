/**
 * Compilation of message schemas into per-version plans for the codec (./codec.ts), and the default
 * values of fields. A plan says, for one version, which fields are in line, tagged or absent, their
 * wire kinds and nullability; plans are built on first use and cached per schema and version.
 */
import type { DefaultValue, Field, MessageSchema, ScalarType } from './schema';
import { inVersions, parseVersions } from './schema';

/** Kafka's all-zero UUID in text form. */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

export type Obj = Record<string, unknown>;

// Value kinds, as small integers for a fast switch.
export const K_INT8 = 0;
export const K_INT16 = 1;
export const K_UINT16 = 2;
export const K_INT32 = 3;
export const K_UINT32 = 4;
export const K_INT64 = 5;
export const K_FLOAT64 = 6;
export const K_BOOL = 7;
export const K_STRING = 8;
export const K_BYTES = 9;
export const K_UUID = 10;
export const K_RECORDS = 11;
export const K_STRUCT = 12;
export const K_STRUCT_ARRAY = 13;
export const K_SCALAR_ARRAY = 14;

const SCALAR_KINDS: Record<ScalarType, number> = {
  int8: K_INT8,
  int16: K_INT16,
  uint16: K_UINT16,
  int32: K_INT32,
  uint32: K_UINT32,
  int64: K_INT64,
  float64: K_FLOAT64,
  bool: K_BOOL,
  string: K_STRING,
  bytes: K_BYTES,
  uuid: K_UUID,
  records: K_RECORDS,
};

export const ABSENT = 0;
export const INLINE = 1;
export const TAGGED = 2;

const EMPTY = Buffer.alloc(0);

export interface Plan {
  readonly schemaName: string;
  readonly version: number;
  readonly flexible: boolean;
  readonly fields: readonly FieldPlan[];
  /** Fields tagged at this version, ascending by tag. */
  readonly tagged: readonly FieldPlan[];
  readonly byTag: ReadonlyMap<number, FieldPlan>;
}

export interface FieldPlan {
  readonly name: string;
  readonly presence: number;
  readonly tag: number;
  readonly kind: number;
  /** Element kind for arrays of primitives. */
  readonly itemKind: number;
  readonly nullable: boolean;
  readonly ignorable: boolean;
  /** For structs and struct arrays. */
  readonly struct: Plan | undefined;
  readonly defaultValue: DefaultValue | undefined;
}

// ---------------------------------------------------------------------------------------------
// Compilation

const plans = new WeakMap<MessageSchema, Map<number, Plan>>();

function compileStruct(
  schemaName: string,
  fields: readonly Field[],
  version: number,
  flexible: boolean,
): Plan {
  const out: FieldPlan[] = [];
  const byTag = new Map<number, FieldPlan>();
  const names = new Set<string>();
  for (const f of fields) {
    if (names.has(f.name)) throw new Error(`${schemaName}: duplicate field ${f.name}`);
    names.add(f.name);
    let presence = ABSENT;
    if (inVersions(f.versions, version)) presence = inVersions(f.taggedVersions, version) ? TAGGED : INLINE;
    if (presence === TAGGED) {
      if (!flexible) throw new Error(`${schemaName}.${f.name}: tagged in non-flexible v${version}`);
      if (f.tag === undefined) throw new Error(`${schemaName}.${f.name}: tagged field without a tag`);
    }
    let kind: number;
    let itemKind = -1;
    let struct: Plan | undefined;
    if (f.type === 'struct') {
      kind = K_STRUCT;
      struct = compileStruct(`${schemaName}.${f.name}`, f.fields, version, flexible);
    } else if (f.type === 'array') {
      if ('fields' in f) {
        kind = K_STRUCT_ARRAY;
        struct = compileStruct(`${schemaName}.${f.name}`, f.fields, version, flexible);
      } else {
        kind = K_SCALAR_ARRAY;
        itemKind = SCALAR_KINDS[f.items];
      }
    } else {
      kind = SCALAR_KINDS[f.type];
    }
    const nullable = inVersions(f.nullableVersions, version);
    if (nullable && kind !== K_STRING && kind !== K_BYTES && kind !== K_RECORDS && kind < K_STRUCT_ARRAY) {
      throw new Error(`${schemaName}.${f.name}: type ${f.type} cannot be nullable`);
    }
    const plan: FieldPlan = {
      name: f.name,
      presence,
      tag: f.tag ?? -1,
      kind,
      itemKind,
      nullable,
      ignorable: f.ignorable === true,
      struct,
      defaultValue: 'default' in f ? f.default : undefined,
    };
    if (presence === TAGGED) {
      if (byTag.has(plan.tag)) throw new Error(`${schemaName}: duplicate tag ${plan.tag}`);
      byTag.set(plan.tag, plan);
    }
    out.push(plan);
  }
  const tagged = [...byTag.values()].sort((a, b) => a.tag - b.tag);
  return { schemaName, version, flexible, fields: out, tagged, byTag };
}

/** True when the schema supports `version`. */
export function isVersionSupported(schema: MessageSchema, version: number): boolean {
  return (
    Number.isInteger(version) && version >= schema.validVersions[0] && version <= schema.validVersions[1]
  );
}

/** True when `version` of the schema uses compact encodings and tag buffers. */
export function isFlexibleVersion(schema: MessageSchema, version: number): boolean {
  return inVersions(schema.flexibleVersions, version);
}

export function planFor(schema: MessageSchema, version: number): Plan | undefined {
  let byVersion = plans.get(schema);
  if (!byVersion) {
    byVersion = new Map();
    plans.set(schema, byVersion);
  }
  let plan = byVersion.get(version);
  if (!plan && isVersionSupported(schema, version)) {
    plan = compileStruct(schema.name, schema.fields, version, isFlexibleVersion(schema, version));
    byVersion.set(version, plan);
  }
  return plan;
}

/** Compiles every version of a schema, throwing on schema mistakes (used by tests and at startup). */
export function checkSchema(schema: MessageSchema): void {
  const flex = parseVersions(schema.flexibleVersions);
  if (schema.flexibleVersions !== 'none' && flex.max !== Infinity) {
    throw new Error(`${schema.name}: flexibleVersions must be 'N+' or 'none'`);
  }
  for (let v = schema.validVersions[0]; v <= schema.validVersions[1]; v++) planFor(schema, v);
}

// ---------------------------------------------------------------------------------------------
// Defaults

export function defaultOf(f: FieldPlan): unknown {
  if (f.defaultValue !== undefined) return f.defaultValue;
  switch (f.kind) {
    case K_INT64:
      return 0n;
    case K_BOOL:
      return false;
    case K_STRING:
      return '';
    case K_BYTES:
      return EMPTY;
    case K_UUID:
      return ZERO_UUID;
    case K_RECORDS:
      return null;
    case K_STRUCT:
      return defaultStruct(f.struct as Plan);
    case K_STRUCT_ARRAY:
    case K_SCALAR_ARRAY:
      return [];
    default:
      return 0;
  }
}

export function defaultStruct(plan: Plan): Obj {
  const out: Obj = {};
  for (const f of plan.fields) out[f.name] = defaultOf(f);
  return out;
}

export function isDefault(f: FieldPlan, v: unknown): boolean {
  if (v === undefined) return true;
  switch (f.kind) {
    case K_BYTES:
      if (f.defaultValue === null) return v === null;
      return v !== null && (v as Buffer).length === 0;
    case K_STRUCT: {
      const s = v as Obj;
      const plan = f.struct as Plan;
      if (s.unknownTaggedFields !== undefined && (s.unknownTaggedFields as unknown[]).length > 0)
        return false;
      return plan.fields.every((c) => isDefault(c, s[c.name]));
    }
    case K_STRUCT_ARRAY:
    case K_SCALAR_ARRAY:
      if (f.defaultValue === null) return v === null;
      return v !== null && (v as unknown[]).length === 0;
    default:
      return v === defaultOf(f);
  }
}
