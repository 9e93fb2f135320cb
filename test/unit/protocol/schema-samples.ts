/**
 * Test helpers: a seeded PRNG and a generator of sample values for any schema at any version, walking
 * the schema itself so that every field of every version is exercised.
 */
import type { Field, MessageSchema } from '../../../src/protocol';
import { ZERO_UUID, inVersions } from '../../../src/protocol';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string, unknown>;

const STRINGS = ['t', 'topic-a', 'grüße', 'λ-κ', 'x'.repeat(40), '__consumer_offsets', 'a.b_c-d'];

export class SampleGenerator {
  constructor(private readonly rand: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }

  bytes(max = 24): Buffer {
    const n = this.int(1, max);
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(0, 255);
    return b;
  }

  uuid(): string {
    const b = Buffer.alloc(16);
    for (let i = 0; i < 16; i++) b[i] = this.int(0, 255);
    b[0] = b[0]! | 1; // never the zero UUID
    return b.toString('base64url');
  }

  /** A non-default value of a scalar type. */
  scalar(type: string): unknown {
    switch (type) {
      case 'int8':
        return this.int(1, 127) * (this.rand() < 0.5 ? -1 : 1);
      case 'int16':
        return this.int(1, 32767) * (this.rand() < 0.5 ? -1 : 1);
      case 'uint16':
        return this.int(1, 65535);
      case 'int32':
        return this.int(1, 0x7fffffff) * (this.rand() < 0.5 ? -1 : 1);
      case 'uint32':
        return this.int(1, 0xffffffff);
      case 'int64': {
        const hi = BigInt(this.int(0, 0x7fffffff));
        const lo = BigInt(this.int(1, 0xffffffff));
        const v = (hi << 32n) | lo;
        return this.rand() < 0.5 ? -v : v;
      }
      case 'float64':
        return (this.rand() - 0.5) * 1e6;
      case 'bool':
        return true;
      case 'string':
        return STRINGS[this.int(0, STRINGS.length - 1)];
      case 'bytes':
      case 'records':
        return this.bytes();
      case 'uuid':
        return this.uuid();
      default:
        throw new Error(`unknown type ${type}`);
    }
  }

  /** A sample struct for `fields` at `version`: present fields random, absent ones default. */
  struct(fields: readonly Field[], version: number, depth = 0): Obj {
    const out: Obj = {};
    for (const f of fields) {
      out[f.name] = inVersions(f.versions, version)
        ? this.value(f, version, depth)
        : defaultValue(f, version);
    }
    return out;
  }

  value(f: Field, version: number, depth: number): unknown {
    const nullable = inVersions(f.nullableVersions, version);
    if (nullable && this.rand() < 0.2) return null;
    if (f.type === 'struct') return this.struct(f.fields, version, depth + 1);
    if (f.type === 'array') {
      const n = depth > 3 ? 0 : this.int(0, 3);
      const items: unknown[] = [];
      for (let i = 0; i < n; i++) {
        items.push('fields' in f ? this.struct(f.fields, version, depth + 1) : this.scalar(f.items));
      }
      return items;
    }
    if (f.type === 'bool' && f.default === true) return false;
    return this.scalar(f.type);
  }
}

/** The value a field decodes to at a version lacking it. */
export function defaultValue(f: Field, version: number): unknown {
  if ('default' in f && f.default !== undefined) return f.default;
  switch (f.type) {
    case 'struct':
      return Object.fromEntries(f.fields.map((c) => [c.name, defaultValue(c, version)]));
    case 'array':
      return [];
    case 'int64':
      return 0n;
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'bytes':
      return Buffer.alloc(0);
    case 'uuid':
      return ZERO_UUID;
    case 'records':
      return null;
    default:
      return 0;
  }
}

/** Every [schema, version] pair of a schema list. */
export function allVersions(schemas: readonly MessageSchema[]): [MessageSchema, number][] {
  const out: [MessageSchema, number][] = [];
  for (const s of schemas) {
    for (let v = s.validVersions[0]; v <= s.validVersions[1]; v++) out.push([s, v]);
  }
  return out;
}
