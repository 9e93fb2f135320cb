/**
 * What the group API handlers need: the coordinator, the metadata cache (FindCoordinator answers from
 * it; commits to unknown partitions are refused with it) and the `__consumer_offsets` auto-creation.
 */
import type { GroupCoordinator } from '../../../coordinator/group/group-coordinator';
import type { MetadataCache } from '../../metadata-cache';

export interface GroupApiDeps {
  coordinator: GroupCoordinator;
  metadataCache: MetadataCache;
  /** Starts creating `__consumer_offsets` (no wait; failures are logged). */
  createOffsetsTopic(): void;
}

/** The client's address as Java's `InetAddress.toString()` prints it: `/127.0.0.1`. */
export function javaClientHost(address: string): string {
  if (address.startsWith('::ffff:')) return `/${address.slice(7)}`;
  if (address === '::1') return '/0:0:0:0:0:0:0:1';
  return `/${address}`;
}
