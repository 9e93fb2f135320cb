/**
 * The iteration orders of the JVM collections Kafka 2.8's admin paths read their results from, so
 * that what a client sees comes out in the same order as from a real broker. Pure functions.
 *
 *  - Scala 2.13 `mutable.LongMap` (the metadata cache's live brokers): key 0 first, then the other
 *    ids by open-addressing slot (MurmurHash3 finalizer). It feeds replica assignment on the
 *    CreateTopics / auto-creation path, which is why `--bootstrap-server` layouts differ from
 *    `--zookeeper` ones (reference §5: ids {0,1,2} give [0,2,1]).
 *  - Scala 2.13 `mutable.HashMap` (DescribeConfigs results): by bucket, then by improved hash.
 *  - `java.util.HashMap` (CreateTopics v5+ configs, the Java admin client's maps): by bucket, then by
 *    insertion order.
 */

/** Java's `String.hashCode`. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** The hash both Java's and Scala's hash maps spread keys with: `h ^ (h >>> 16)`. */
function spread(s: string): number {
  const h = javaStringHash(s);
  return h ^ (h >>> 16);
}

/** The slot a non-zero key hashes to in a LongMap with the given mask. */
function longMapIndex(key: number, mask: number): number {
  const h = key | 0; // (k ^ (k >>> 32)) & 0xFFFFFFFF for ids that fit an int
  const x = Math.imul(h ^ (h >>> 16), 0x85ebca6b | 0);
  return (x ^ (x >>> 13)) & mask;
}

function longMapMaskFor(initialBufferSize: number): number {
  if (initialBufferSize < 0) return 0x7;
  const bits = 32 - Math.clz32(initialBufferSize - 1);
  return ((((1 << bits) >>> 0) - 1) & 0x3fffffff) | 0x7;
}

/**
 * The order a Scala 2.13 `mutable.LongMap` built with `new LongMap(previousSize)` and filled with
 * `ids` (in that order) iterates its keys: 0 first (it is stored outside the table), then the table
 * slots in index order. `previousSize` is the size of the map the cache replaced (the broker builds a
 * new map on every UpdateMetadata); it only sets the initial table size.
 */
export function longMapOrder(ids: readonly number[], previousSize = ids.length): number[] {
  let mask = longMapMaskFor(previousSize);
  let table: (number | undefined)[] = new Array<number | undefined>(mask + 1);
  let size = 0;
  let hasZero = false;
  const seekEmpty = (k: number): number => {
    let e = longMapIndex(k, mask);
    let x = 0;
    while (table[e] !== undefined) {
      x += 1;
      e = (e + 2 * (x + 1) * x - 3) & mask;
    }
    return e;
  };
  const repack = (newMask: number): void => {
    const old = table;
    mask = newMask;
    table = new Array<number | undefined>(mask + 1);
    for (const k of old) if (k !== undefined) table[seekEmpty(k)] = k;
  };
  for (const id of ids) {
    if (id === 0) {
      hasZero = true;
      continue;
    }
    if (table.includes(id)) continue;
    table[seekEmpty(id)] = id;
    size += 1;
    if (size > 0.5 * mask) {
      let m = mask;
      if (size >= 0.5 * mask) m = ((m << 1) + 1) & 0x3fffffff;
      while (m > 8 && 8 * size < m) m = m >>> 1;
      repack(m);
    }
  }
  const rest = table.filter((k): k is number => k !== undefined);
  return hasZero ? [0, ...rest] : rest;
}

/**
 * The order a Scala 2.13 `mutable.HashMap` iterates when built by concatenating `prefix` then
 * `suffix` into a fresh map (`originals ++ values`, as ConfigHelper's `allConfigs` does): buckets in
 * index order, keys within a bucket by ascending (signed) improved hash. Duplicate keys count once.
 */
export function scalaHashMapOrder(prefix: readonly string[], suffix: readonly string[] = []): string[] {
  const tableSizeFor = (capacity: number): number =>
    Math.min(2 ** (31 - Math.clz32(Math.max(capacity - 1, 4))) * 2, 1 << 30);
  let length = 16;
  let threshold = 12;
  const keys = new Set<string>();
  const hint = (n: number): void => {
    if (n < 0) return;
    const target = tableSizeFor(Math.floor((n + 1) / 0.75));
    if (target > length) {
      length = target;
      threshold = Math.floor(length * 0.75);
    }
  };
  const put = (k: string): void => {
    if (keys.size + 1 >= threshold) {
      length *= 2;
      threshold = Math.floor(length * 0.75);
    }
    keys.add(k);
  };
  const distinctPrefix = [...new Set(prefix)];
  hint(distinctPrefix.length);
  for (const k of distinctPrefix) put(k);
  for (const k of suffix) put(k);
  const mask = length - 1;
  return [...keys]
    .map((k) => ({ k, h: spread(k) }))
    .sort((a, b) => (a.h & mask) - (b.h & mask) || a.h - b.h)
    .map(({ k }) => k);
}

/**
 * The order a `java.util.HashMap` iterates after `keys` were put in that order: buckets in index
 * order, insertion order within a bucket. `initialCapacity` as given to the constructor (Java's
 * default map starts at 16).
 */
export function javaHashMapOrder(keys: readonly string[], initialCapacity = 16): string[] {
  const distinct = [...new Set(keys)];
  let capacity = initialCapacity <= 1 ? 1 : 2 ** (32 - Math.clz32(initialCapacity - 1));
  let threshold = Math.floor(capacity * 0.75);
  for (let size = 1; size <= distinct.length; size++) {
    if (size > threshold) {
      capacity *= 2;
      threshold = Math.floor(capacity * 0.75);
    }
  }
  const mask = capacity - 1;
  return distinct
    .map((k, i) => ({ k, i, b: spread(k) & mask }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map(({ k }) => k);
}
