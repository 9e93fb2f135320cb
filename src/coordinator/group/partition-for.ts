/**
 * Which `__consumer_offsets` partition holds a group: `Utils.abs(groupId.hashCode) % partitions`, with
 * Java's String.hashCode (over UTF-16 code units, 32-bit wrap-around) and Kafka's Utils.abs (which maps
 * Integer.MIN_VALUE to 0 instead of leaving it negative). Pure functions.
 */

/** Java's `String.hashCode()`: s[0]*31^(n-1) + ... + s[n-1], in 32-bit two's complement. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's `Utils.abs`: the absolute value, except Integer.MIN_VALUE, which becomes 0. */
export function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

/** The offsets-topic partition of `groupId` (GroupMetadataManager.partitionFor). */
export function partitionFor(groupId: string, offsetsTopicPartitionCount: number): number {
  return kafkaAbs(javaStringHashCode(groupId)) % offsetsTopicPartitionCount;
}
