/**
 * Offset bookkeeping types shared by the log layers: where an offset sits on disk, the byte range a
 * segment read returns, and the inputs of the roll decision.
 */

/** An offset and where it sits: segment base offset and byte position of its batch (-1 if unknown). */
export interface LogOffsetMetadata {
  readonly messageOffset: bigint;
  readonly segmentBaseOffset: bigint;
  readonly relativePositionInSegment: number;
}

export function offsetOnlyMetadata(offset: bigint): LogOffsetMetadata {
  return { messageOffset: offset, segmentBaseOffset: -1n, relativePositionInSegment: -1 };
}

/** Kafka's `LogOffsetMetadata.toString`. */
export function offsetMetadataString(m: LogOffsetMetadata): string {
  return `(offset=${m.messageOffset}segment=[${m.segmentBaseOffset}:${m.relativePositionInSegment}])`;
}

/** A byte range of a segment's `.log` to send to a fetcher. */
export interface SegmentSlice {
  readonly fetchOffsetMetadata: LogOffsetMetadata;
  readonly position: number;
  readonly size: number;
  /** True when maxBytes cut even the first batch short (minOneMessage false). */
  readonly firstEntryIncomplete: boolean;
}

/** What `shouldRoll` looks at for an incoming append. */
export interface RollParams {
  readonly maxSegmentMs: number;
  readonly maxSegmentBytes: number;
  readonly maxTimestampInMessages: bigint;
  readonly maxOffsetInMessages: bigint;
  readonly messagesSize: number;
  readonly now: number;
}

/** What a log read returns. */
export interface FetchDataInfo {
  /** The fetch offset and where its batch starts (for delayed-fetch byte accounting). */
  readonly fetchOffsetMetadata: LogOffsetMetadata;
  /** Whole batches from the one holding the fetch offset; may end with a partial batch, as in Kafka. */
  readonly records: Buffer;
  readonly firstEntryIncomplete: boolean;
}
