/**
 * What the active controller knows about the cluster. Owned by the controller's event thread:
 * only code running inside an event touches it.
 */
import type { BrokerInfo } from '../zk/zk-data';

export interface LiveBroker {
  info: BrokerInfo;
  /** The czxid of the broker's registration znode. */
  epoch: bigint;
}

export class ControllerContext {
  epoch = 0;
  epochZkVersion = 0;
  readonly liveBrokers = new Map<number, LiveBroker>();
  readonly shuttingDownBrokerIds = new Set<number>();

  liveBrokerIds(): number[] {
    return [...this.liveBrokers.keys()].sort((a, b) => a - b);
  }

  /** Registered and not in controlled shutdown: eligible to lead. */
  liveOrShuttingDownBrokerIds(): number[] {
    return this.liveBrokerIds();
  }

  isLive(brokerId: number): boolean {
    return this.liveBrokers.has(brokerId) && !this.shuttingDownBrokerIds.has(brokerId);
  }

  reset(): void {
    this.epoch = 0;
    this.epochZkVersion = 0;
    this.liveBrokers.clear();
    this.shuttingDownBrokerIds.clear();
  }
}

/** What changed between the cached live brokers and a fresh read of `/brokers/ids`. */
export interface BrokerChangeDiff {
  newBrokerIds: number[];
  deadBrokerIds: number[];
  bouncedBrokerIds: number[];
}

/** Pure diff of broker id -> epoch maps: a bounce is the same id with a larger epoch. */
export function diffBrokers(cached: Map<number, bigint>, current: Map<number, bigint>): BrokerChangeDiff {
  const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
  const newBrokerIds = sorted([...current.keys()].filter((id) => !cached.has(id)));
  const deadBrokerIds = sorted([...cached.keys()].filter((id) => !current.has(id)));
  const bouncedBrokerIds = sorted(
    [...current.entries()]
      .filter(([id, epoch]) => {
        const old = cached.get(id);
        return old !== undefined && epoch > old;
      })
      .map(([id]) => id),
  );
  return { newBrokerIds, deadBrokerIds, bouncedBrokerIds };
}
