/**
 * Names on disk (Kafka's `Log` companion object): partition directory names, the 20-digit segment
 * file prefix, file suffixes, and the parser that turns a directory name back into a topic-partition.
 */

/** A topic and a partition number (Kafka's `TopicPartition`). */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export const LOG_FILE_SUFFIX = '.log';
export const INDEX_FILE_SUFFIX = '.index';
export const TIME_INDEX_FILE_SUFFIX = '.timeindex';
export const TXN_INDEX_FILE_SUFFIX = '.txnindex';
export const SNAPSHOT_FILE_SUFFIX = '.snapshot';
/** A segment file renamed for deletion, removed after `file.delete.delay.ms`. */
export const DELETED_FILE_SUFFIX = '.deleted';
/** Temporary files of the log cleaner (never written here; removed at load). */
export const CLEANED_FILE_SUFFIX = '.cleaned';
export const SWAP_FILE_SUFFIX = '.swap';
/** A partition directory scheduled for deletion: `<topic>-<partition>.<32 hex>-delete`. */
export const DELETE_DIR_SUFFIX = '-delete';
/** A partition directory being moved between log dirs (not supported here; skipped at load). */
export const FUTURE_DIR_SUFFIX = '-future';

const DELETE_DIR_PATTERN = /^(\S+)-(\S+)\.(\S+)-delete$/;
const FUTURE_DIR_PATTERN = /^(\S+)-(\S+)\.(\S+)-future$/;

/** `topic-partition`, the key used for maps and the directory name (Kafka's `TopicPartition.toString`). */
export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** The partition's directory name, e.g. `my-topic-0`. */
export function logDirName(tp: TopicPartition): string {
  return tpKey(tp);
}

/** The name a deleted partition's directory is renamed to; `uniqueId` is 32 hex digits. */
export function logDeleteDirName(tp: TopicPartition, uniqueId: string): string {
  const suffix = `-${tp.partition}.${uniqueId}${DELETE_DIR_SUFFIX}`;
  const prefixLength = Math.min(tp.topic.length, 255 - suffix.length);
  return tp.topic.substring(0, prefixLength) + suffix;
}

/** `NumberFormat` with 20 minimum integer digits and no grouping: `00000000000000000042`. */
export function filenamePrefixFromOffset(offset: bigint): string {
  return offset.toString().padStart(20, '0');
}

/** The base offset a segment file name starts with (everything before the first dot). */
export function offsetFromFileName(fileName: string): bigint {
  const dot = fileName.indexOf('.');
  return BigInt(dot < 0 ? fileName : fileName.substring(0, dot));
}

export function isIndexFileName(fileName: string): boolean {
  return (
    fileName.endsWith(INDEX_FILE_SUFFIX) ||
    fileName.endsWith(TIME_INDEX_FILE_SUFFIX) ||
    fileName.endsWith(TXN_INDEX_FILE_SUFFIX)
  );
}

export function isLogFileName(fileName: string): boolean {
  return fileName.endsWith(LOG_FILE_SUFFIX);
}

/** Thrown (as Kafka's KafkaException) for a directory that is not a partition directory. */
export class InvalidLogDirNameError extends Error {
  constructor(dirPath: string, dirName: string) {
    super(
      `Found directory ${dirPath}, '${dirName}' is not in the form of topic-partition or ` +
        'topic-partition.uniqueId-delete (if marked for deletion).\n' +
        "Kafka's log directories (and children) should only contain Kafka topic data.",
    );
    this.name = 'KafkaException';
  }
}

/**
 * Kafka's `Log.parseTopicPartitionName`: `t-0`, `t-0.<id>-delete` and `t-0.<id>-future` all give
 * (t, 0). `dirPath` only appears in the error message.
 */
export function parseTopicPartitionName(dirName: string, dirPath = dirName): TopicPartition {
  const fail = (): InvalidLogDirNameError => new InvalidLogDirNameError(dirPath, dirName);
  if (dirName.length === 0 || !dirName.includes('-')) throw fail();
  const isDelete = dirName.endsWith(DELETE_DIR_SUFFIX);
  const isFuture = dirName.endsWith(FUTURE_DIR_SUFFIX);
  if ((isDelete && !DELETE_DIR_PATTERN.test(dirName)) || (isFuture && !FUTURE_DIR_PATTERN.test(dirName))) {
    throw fail();
  }
  const name = isDelete || isFuture ? dirName.substring(0, dirName.lastIndexOf('.')) : dirName;
  const index = name.lastIndexOf('-');
  const topic = name.substring(0, index);
  const partitionString = name.substring(index + 1);
  if (topic.length === 0 || partitionString.length === 0) throw fail();
  // Java's Integer.parseInt: optional sign, decimal digits, int32 range.
  if (!/^[+-]?\d+$/.test(partitionString)) throw fail();
  const partition = Number(partitionString);
  if (partition > 2147483647 || partition < -2147483648) throw fail();
  return { topic, partition };
}
