/**
 * The one table-driven codec: encodes and decodes any message of ./messages at any of its versions.
 *
 * A schema is compiled once per version into a flat plan (which fields are in line, tagged or
 * absent; their encodings; nested plans), cached, and then interpreted. Flexible versions use compact
 * strings/bytes/arrays and end every struct with a tag buffer; unknown tags are kept in
 * `unknownTaggedFields` and written back unchanged.
 *
 * Rules (Kafka's): absent fields decode to their defaults; encoding a non-default value for a field
 * the version lacks throws UNSUPPORTED_VERSION unless the field is `ignorable`; tagged fields are
 * written only when they differ from their default.
 */
import { ErrorCode } from './error-codes';
import { ProtocolDecodeError, ProtocolEncodeError, ProtocolError } from './errors';
import type { RawTaggedField } from './reader';
import type { Reader } from './reader';
import type { FieldPlan, Obj, Plan } from './codec-plan';
import {
  INLINE,
  K_BOOL,
  K_BYTES,
  K_FLOAT64,
  K_INT16,
  K_INT32,
  K_INT64,
  K_INT8,
  K_RECORDS,
  K_SCALAR_ARRAY,
  K_STRING,
  K_STRUCT,
  K_STRUCT_ARRAY,
  K_UINT16,
  K_UINT32,
  K_UUID,
  TAGGED,
  defaultOf,
  defaultStruct,
  isDefault,
  planFor,
} from './codec-plan';
import type { MessageSchema } from './schema';
import { Writer } from './writer';

export { ZERO_UUID, checkSchema, isFlexibleVersion, isVersionSupported } from './codec-plan';

// ---------------------------------------------------------------------------------------------
// Decoding

function readScalar(kind: number, nullable: boolean, flexible: boolean, r: Reader): unknown {
  switch (kind) {
    case K_INT8:
      return r.int8();
    case K_INT16:
      return r.int16();
    case K_UINT16:
      return r.uint16();
    case K_INT32:
      return r.int32();
    case K_UINT32:
      return r.uint32();
    case K_INT64:
      return r.int64();
    case K_FLOAT64:
      return r.float64();
    case K_BOOL:
      return r.bool();
    case K_UUID:
      return r.uuid();
    case K_STRING:
      if (flexible) return nullable ? r.compactNullableString() : r.compactString();
      return nullable ? r.nullableString() : r.string();
    case K_BYTES:
    case K_RECORDS:
      if (flexible) return nullable ? r.compactNullableBytes() : r.compactBytes();
      return nullable ? r.nullableBytes() : r.bytes();
    default:
      throw new Error(`not a scalar kind: ${kind}`);
  }
}

function readArrayLength(f: FieldPlan, flexible: boolean, r: Reader): number {
  const n = flexible ? r.compactArrayLength() : r.arrayLength();
  if (n < 0 && !f.nullable) throw new ProtocolDecodeError('non-nullable array is null');
  return n;
}

function readValue(f: FieldPlan, flexible: boolean, r: Reader): unknown {
  switch (f.kind) {
    case K_STRUCT:
      return readStruct(f.struct as Plan, r);
    case K_STRUCT_ARRAY: {
      const n = readArrayLength(f, flexible, r);
      if (n < 0) return null;
      const plan = f.struct as Plan;
      const out = new Array<Obj>(n);
      let i = 0;
      try {
        for (; i < n; i++) out[i] = readStruct(plan, r);
      } catch (e) {
        if (e instanceof ProtocolError) e.prependPath(`[${i}]`);
        throw e;
      }
      return out;
    }
    case K_SCALAR_ARRAY: {
      const n = readArrayLength(f, flexible, r);
      if (n < 0) return null;
      const out = new Array<unknown>(n);
      let i = 0;
      try {
        for (; i < n; i++) out[i] = readScalar(f.itemKind, false, flexible, r);
      } catch (e) {
        if (e instanceof ProtocolError) e.prependPath(`[${i}]`);
        throw e;
      }
      return out;
    }
    default:
      return readScalar(f.kind, f.nullable, flexible, r);
  }
}

function readTagBuffer(plan: Plan, r: Reader, out: Obj): void {
  const count = r.uvarint();
  if (count === 0) return;
  if (count > r.remaining) throw new ProtocolDecodeError(`tag buffer claims ${count} fields`);
  let unknown: RawTaggedField[] | undefined;
  for (let i = 0; i < count; i++) {
    const { tag, size } = r.taggedFieldHeader();
    const f = plan.byTag.get(tag);
    if (f === undefined) {
      (unknown ??= []).push({ tag, data: r.raw(size) });
      continue;
    }
    const savedEnd = r.end;
    r.end = r.offset + size;
    try {
      out[f.name] = readValue(f, true, r);
      if (r.offset !== r.end) {
        throw new ProtocolDecodeError(`tagged field has ${r.end - r.offset} unread byte(s)`);
      }
    } catch (e) {
      if (e instanceof ProtocolError) e.prependPath(f.name);
      throw e;
    } finally {
      r.end = savedEnd;
    }
  }
  if (unknown) out.unknownTaggedFields = unknown;
}

function readStruct(plan: Plan, r: Reader): Obj {
  const out: Obj = {};
  const fields = plan.fields;
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const f = fields[i] as FieldPlan;
      out[f.name] = f.presence === INLINE ? readValue(f, plan.flexible, r) : defaultOf(f);
    }
  } catch (e) {
    if (e instanceof ProtocolError) e.prependPath((fields[i] as FieldPlan).name);
    throw e;
  }
  if (plan.flexible) readTagBuffer(plan, r, out);
  return out;
}

/**
 * Decodes a message body at `version` from the reader's position, leaving the reader after it.
 * Throws ProtocolDecodeError (UNSUPPORTED_VERSION for a version the schema lacks).
 */
export function decodeMessage(schema: MessageSchema, version: number, r: Reader): Obj {
  const plan = planFor(schema, version);
  if (!plan) {
    throw new ProtocolDecodeError(
      `${schema.name} v${version} is not supported`,
      ErrorCode.UNSUPPORTED_VERSION,
    );
  }
  return readStruct(plan, r);
}

/** A message value holding every field's default at `version`. */
export function defaultMessage(schema: MessageSchema, version: number): Obj {
  const plan = planFor(schema, version);
  if (!plan) throw new ProtocolEncodeError(`${schema.name} v${version} is not supported`);
  return defaultStruct(plan);
}

// ---------------------------------------------------------------------------------------------
// Encoding

function writeScalar(kind: number, nullable: boolean, flexible: boolean, w: Writer, v: unknown): void {
  if (v === null && !nullable) throw new ProtocolEncodeError('null in a non-nullable field');
  switch (kind) {
    case K_INT8:
      w.int8(v as number);
      return;
    case K_INT16:
      w.int16(v as number);
      return;
    case K_UINT16:
      w.uint16(v as number);
      return;
    case K_INT32:
      w.int32(v as number);
      return;
    case K_UINT32:
      w.uint32(v as number);
      return;
    case K_INT64:
      w.int64(typeof v === 'number' ? BigInt(v) : (v as bigint));
      return;
    case K_FLOAT64:
      w.float64(v as number);
      return;
    case K_BOOL:
      w.bool(v as boolean);
      return;
    case K_UUID:
      w.uuid(v as string);
      return;
    case K_STRING:
      if (typeof v !== 'string' && v !== null)
        throw new ProtocolEncodeError(`expected a string, got ${typeof v}`);
      if (flexible) w.compactNullableString(v);
      else w.nullableString(v);
      return;
    case K_BYTES:
    case K_RECORDS:
      if (v !== null && !(v instanceof Uint8Array))
        throw new ProtocolEncodeError(`expected a Buffer, got ${typeof v}`);
      if (flexible) w.compactNullableBytes(v);
      else w.nullableBytes(v);
      return;
    default:
      throw new Error(`not a scalar kind: ${kind}`);
  }
}

function writeArrayLength(f: FieldPlan, flexible: boolean, w: Writer, v: unknown): number {
  if (v === null) {
    if (!f.nullable) throw new ProtocolEncodeError('null in a non-nullable array');
    if (flexible) w.uvarint(0);
    else w.int32(-1);
    return -1;
  }
  if (!Array.isArray(v)) throw new ProtocolEncodeError(`expected an array, got ${typeof v}`);
  if (flexible) w.uvarint(v.length + 1);
  else w.int32(v.length);
  return v.length;
}

function writeValue(f: FieldPlan, flexible: boolean, w: Writer, v: unknown): void {
  switch (f.kind) {
    case K_STRUCT:
      if (v === null || typeof v !== 'object') throw new ProtocolEncodeError('expected a struct');
      writeStruct(f.struct as Plan, w, v as Obj);
      return;
    case K_STRUCT_ARRAY:
    case K_SCALAR_ARRAY: {
      const n = writeArrayLength(f, flexible, w, v);
      const items = v as unknown[];
      let i = 0;
      try {
        if (f.kind === K_STRUCT_ARRAY) {
          const plan = f.struct as Plan;
          for (; i < n; i++) {
            const item = items[i];
            if (item === null || typeof item !== 'object') throw new ProtocolEncodeError('expected a struct');
            writeStruct(plan, w, item as Obj);
          }
        } else {
          for (; i < n; i++) writeScalar(f.itemKind, false, flexible, w, items[i]);
        }
      } catch (e) {
        throw withPath(e, `[${i}]`);
      }
      return;
    }
    default:
      writeScalar(f.kind, f.nullable, flexible, w, v);
  }
}

function withPath(e: unknown, segment: string): unknown {
  if (e instanceof ProtocolError) return e.prependPath(segment);
  const msg = e instanceof Error ? e.message : String(e);
  return new ProtocolEncodeError(msg, ErrorCode.UNKNOWN_SERVER_ERROR, { cause: e }).prependPath(segment);
}

function encodeTagged(f: FieldPlan, v: unknown): RawTaggedField {
  const w = new Writer(32);
  writeValue(f, true, w, v);
  return { tag: f.tag, data: w.toBuffer() };
}

function writeStruct(plan: Plan, w: Writer, value: Obj): void {
  const fields = plan.fields;
  let i = 0;
  let f: FieldPlan | undefined;
  let tagged: RawTaggedField[] | undefined;
  try {
    for (; i < fields.length; i++) {
      f = fields[i] as FieldPlan;
      const v = value[f.name];
      if (f.presence === INLINE) {
        writeValue(f, plan.flexible, w, v === undefined ? defaultOf(f) : v);
      } else if (f.presence === TAGGED) {
        if (!isDefault(f, v)) (tagged ??= []).push(encodeTagged(f, v));
      } else if (!f.ignorable && !isDefault(f, v)) {
        throw new ProtocolEncodeError(
          `${plan.schemaName.split('.')[0]} v${plan.version} does not support a non-default value`,
          ErrorCode.UNSUPPORTED_VERSION,
        );
      }
    }
  } catch (e) {
    throw withPath(e, f?.name ?? '?');
  }
  if (!plan.flexible) return;
  const unknown = value.unknownTaggedFields as RawTaggedField[] | undefined;
  if (unknown !== undefined && unknown.length > 0) {
    w.taggedFields(tagged ? [...tagged, ...unknown] : unknown);
  } else if (tagged === undefined) {
    w.uint8(0);
  } else {
    // Known tagged fields are already in ascending tag order.
    w.uvarint(tagged.length);
    for (const t of tagged) w.uvarint(t.tag).uvarint(t.data.length).raw(t.data);
  }
}

/**
 * Encodes a message body at `version` into the writer. Throws ProtocolEncodeError for an unsupported
 * version, a non-default value in a non-ignorable field the version lacks, or a malformed value.
 */
export function encodeMessage(schema: MessageSchema, version: number, value: object, w: Writer): void {
  const plan = planFor(schema, version);
  if (!plan) {
    throw new ProtocolEncodeError(
      `${schema.name} v${version} is not supported`,
      ErrorCode.UNSUPPORTED_VERSION,
    );
  }
  writeStruct(plan, w, value as Obj);
}
