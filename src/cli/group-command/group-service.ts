/**
 * Kafka 2.8's ConsumerGroupService: the actions of `kafka-consumer-groups.sh` over a GroupAdmin,
 * printing what Kafka's tool prints (stdout for tables and `Error: ...` lines, stderr for the
 * group-state notices and WARN log lines).
 *
 * Row order: Kafka fills some tables from Scala hash maps; here members come by partition count
 * (largest first, as Kafka sorts them) with their partitions by partition then topic, and
 * unassigned committed partitions and reset plans by topic then partition.
 *
 * Lifecycle: one instance per command run; it does not own the GroupAdmin (run.ts closes it).
 */
import { IllegalArgumentError } from '../../admin/errors';
import type { Logger } from '../../common/logger';
import { ErrorCode, errorName } from '../../protocol';
import type { ToolOutput } from '../topic-command/topic-service';
import {
  deleteOffsetsTable,
  groupStatesTable,
  membersTable,
  offsetsTable,
  resetCsv,
  resetTable,
  stateTable,
  type PartitionAssignmentState,
  type ResetRow,
} from './format';
import type { DescribedGroup, GroupAdmin, TopicPartition } from './group-admin';
import { tpKey } from './group-admin';
import { groupErrorException, javaToString } from './java-errors';
import type { GroupCommandOptions } from './options';
import { partitionsToReset, prepareOffsetsToReset } from './reset-plan';

const STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty'];
const byTopicPartition = (a: TopicPartition, b: TopicPartition): number =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;

export interface ServiceEnv {
  now: () => number;
  readFile: (path: string) => string;
}

export class ConsumerGroupService {
  constructor(
    private readonly opts: GroupCommandOptions,
    private readonly admin: GroupAdmin,
    private readonly output: ToolOutput,
    private readonly log: Logger,
    private readonly env: ServiceEnv,
  ) {}

  printError(message: string): void {
    this.output.out('');
    this.output.out(`Error: ${message}`);
  }

  private async consumerGroupIds(): Promise<string[]> {
    const groups = await this.admin.listGroups();
    return groups.filter((g) => g.protocolType === 'consumer' || g.protocolType === '').map((g) => g.groupId);
  }

  private async selectedGroups(): Promise<string[]> {
    return this.opts.has('all-groups') ? this.consumerGroupIds() : this.opts.valuesOf('group');
  }

  async listGroups(): Promise<void> {
    if (!this.opts.has('state')) {
      for (const g of await this.consumerGroupIds()) this.output.out(g);
      return;
    }
    const filter = (this.opts.valueOf('state') ?? '').trim();
    let wanted: Set<string> | null = null;
    if (filter !== '') {
      wanted = new Set();
      for (const s of filter.split(',')) {
        const state = STATES.find((x) => x.toLowerCase() === s.trim().toLowerCase());
        if (!state)
          throw new IllegalArgumentError(
            `Invalid state list '${filter}'. Valid states are: ${STATES.join(', ')}`,
          );
        wanted.add(state);
      }
    }
    const ids = await this.consumerGroupIds();
    const described = ids.length > 0 ? await this.admin.describeGroups(ids) : [];
    const rows = described
      .filter((g) => wanted === null || wanted.has(g.state))
      .map((g) => ({ group: g.groupId, state: g.state }));
    for (const line of groupStatesTable(rows)) this.output.out(line);
  }

  /** Kafka's shouldPrintMemberState: notices for Dead, Empty and rebalancing groups. */
  private shouldPrint(group: string, state: string | undefined, rows: number | undefined): boolean {
    if (rows === undefined) {
      this.printError(`The consumer group '${group}' does not exist.`);
      return false;
    }
    if (state === 'Dead') this.printError(`Consumer group '${group}' does not exist.`);
    else if (state === 'Empty') {
      this.output.err('');
      this.output.err(`Consumer group '${group}' has no active members.`);
    } else if (state === 'PreparingRebalance' || state === 'CompletingRebalance') {
      this.output.err('');
      this.output.err(`Warning: Consumer group '${group}' is rebalancing.`);
    } else if (state !== 'Stable') {
      throw new Error(`Expected a valid consumer group state, but found '${state ?? 'NONE'}'.`);
    }
    return state !== 'Dead' && rows > 0;
  }

  private async describeSorted(ids: readonly string[]): Promise<DescribedGroup[]> {
    const groups = ids.length > 0 ? await this.admin.describeGroups(ids) : [];
    return [...groups].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  async describeGroups(): Promise<void> {
    const groups = await this.describeSorted(await this.selectedGroups());
    if (this.opts.has('members')) {
      const verbose = this.opts.has('verbose');
      for (const g of groups) {
        const rows = g.members.map((m) => ({
          group: g.groupId,
          consumerId: m.memberId,
          host: m.clientHost,
          clientId: m.clientId,
          groupInstanceId: m.groupInstanceId ?? '',
          numPartitions: m.assignment.length,
          assignment: verbose ? m.assignment : [],
        }));
        if (this.shouldPrint(g.groupId, g.state, rows.length))
          for (const l of membersTable(rows, verbose)) this.output.out(l);
      }
    } else if (this.opts.has('state')) {
      for (const g of groups) {
        if (!this.shouldPrint(g.groupId, g.state, 1)) continue;
        const coordinator = await this.admin.findCoordinator(g.groupId);
        const lines = stateTable({
          group: g.groupId,
          coordinator,
          assignmentStrategy: g.protocol,
          state: g.state,
          numMembers: g.members.length,
        });
        for (const l of lines) this.output.out(l);
      }
    } else {
      for (const g of groups) {
        const rows = await this.collectOffsets(g);
        if (this.shouldPrint(g.groupId, g.state, rows.length))
          for (const l of offsetsTable(rows)) this.output.out(l);
      }
    }
  }

  private async collectOffsets(g: DescribedGroup): Promise<PartitionAssignmentState[]> {
    const committed = await this.admin.committedOffsets(g.groupId);
    const members = g.members
      .filter((m) => m.assignment.length > 0)
      .sort((a, b) => b.assignment.length - a.assignment.length);
    const assigned = new Set(members.flatMap((m) => m.assignment.map(tpKey)));
    const unassigned = [...committed.values()].filter((c) => !assigned.has(tpKey(c))).sort(byTopicPartition);
    const all = [...members.flatMap((m) => m.assignment), ...unassigned];
    const ends = all.length > 0 ? await this.admin.listOffsets(all, 'latest') : new Map<string, bigint>();
    const row = (
      tp: TopicPartition,
      consumerId: string,
      host: string,
      clientId: string,
    ): PartitionAssignmentState => {
      const offset = committed.get(tpKey(tp))?.offset ?? null;
      const logEndOffset = ends.get(tpKey(tp)) ?? null;
      const lag = offset !== null && offset !== -1n && logEndOffset !== null ? logEndOffset - offset : null;
      return {
        group: g.groupId,
        topic: tp.topic,
        partition: tp.partition,
        offset,
        lag,
        consumerId,
        host,
        clientId,
        logEndOffset,
      };
    };
    const rows: PartitionAssignmentState[] = [];
    for (const m of members) {
      const tps = [...m.assignment].sort((a, b) => a.partition - b.partition || (a.topic < b.topic ? -1 : 1));
      for (const tp of tps) rows.push(row(tp, m.memberId, m.clientHost, m.clientId));
    }
    for (const tp of unassigned) rows.push(row(tp, '-', '-', '-'));
    return rows;
  }

  async deleteGroups(): Promise<void> {
    const ids = await this.selectedGroups();
    const results = await this.admin.deleteGroups(ids);
    const success = [...results].filter(([, e]) => e === 0).map(([g]) => g);
    const failed = [...results].filter(([, e]) => e !== 0);
    const quoted = (gs: string[]): string => `'${gs.join("', '")}'`;
    if (failed.length === 0) {
      this.output.out(`Deletion of requested consumer groups (${quoted(success)}) was successful.`);
      return;
    }
    this.printError('Deletion of some consumer groups failed:');
    for (const [g, e] of failed)
      this.output.out(
        `* Group '${g}' could not be deleted due to: java.util.concurrent.ExecutionException: ${javaToString(groupErrorException(e))}`,
      );
    if (success.length > 0) {
      this.output.out('');
      this.output.out(`These consumer groups were deleted successfully: ${quoted(success)}`);
    }
  }

  async resetOffsets(): Promise<void> {
    const ids = await this.selectedGroups();
    const groups = ids.length > 0 ? await this.admin.describeGroups(ids) : [];
    const plan = new Map<string, ResetRow[]>();
    const dryRun = this.opts.has('dry-run') || !this.opts.has('execute');
    for (const g of groups) {
      if (g.state !== 'Empty' && g.state !== 'Dead') {
        this.printError(
          `Assignments can only be reset if the group '${g.groupId}' is inactive, but the current state is ${g.state}.`,
        );
        plan.set(g.groupId, []);
        continue;
      }
      const tps = await partitionsToReset(this.opts, this.admin, g.groupId);
      const rows = await prepareOffsetsToReset(
        this.opts,
        this.admin,
        this.log,
        g.groupId,
        tps,
        this.env.now,
        this.env.readFile,
      );
      if (!dryRun && rows.length > 0) await this.admin.alterOffsets(g.groupId, rows);
      plan.set(g.groupId, [...rows].sort(byTopicPartition));
    }
    if (this.opts.has('export')) this.output.out(resetCsv(plan, this.opts.valuesOf('group').length === 1));
    else for (const l of resetTable(plan)) this.output.out(l);
  }

  async deleteOffsets(): Promise<void> {
    const groupId = this.opts.valueOf('group') ?? '';
    const topics = this.opts.valuesOf('topic');
    const rows: { topic: string; partition: number | null; status: string }[] = [];
    const tps: TopicPartition[] = [];
    for (const arg of topics) {
      const i = arg.indexOf(':');
      if (i >= 0)
        for (const p of arg.slice(i + 1).split(','))
          tps.push({ topic: arg.slice(0, i), partition: Number(p) });
      else {
        try {
          for (const partition of await this.admin.partitionsOf(arg)) tps.push({ topic: arg, partition });
        } catch (err) {
          rows.push({
            topic: arg,
            partition: null,
            status: `Error: ${err instanceof Error ? err.message : String(err)}`,
          });
        }
      }
    }
    const r = await this.admin.deleteOffsets(groupId, tps);
    // The Java client's all() fails with the first partition error when the group itself is fine.
    const firstPartitionError = r.partitions.find((p) => p.error !== ErrorCode.NONE)?.error ?? ErrorCode.NONE;
    this.reportDeleteOffsetsError(
      groupId,
      topics,
      r.error !== ErrorCode.NONE ? r.error : firstPartitionError,
    );
    for (const p of r.partitions)
      rows.push({
        topic: p.topic,
        partition: p.partition,
        status: p.error === 0 ? 'Successful' : `Error: ${groupErrorException(p.error).message}`,
      });
    rows.sort((a, b) => (`${a.topic}${a.partition ?? -1}` < `${b.topic}${b.partition ?? -1}` ? -1 : 1));
    for (const l of deleteOffsetsTable(rows)) this.output.out(l);
  }

  private reportDeleteOffsetsError(groupId: string, topics: readonly string[], error: number): void {
    switch (error) {
      case ErrorCode.NONE:
        this.output.out(
          `Request succeed for deleting offsets with topic ${topics.join(', ')} group ${groupId}`,
        );
        return;
      case ErrorCode.INVALID_GROUP_ID:
        return this.printError(`'${groupId}' is not valid.`);
      case ErrorCode.GROUP_ID_NOT_FOUND:
        return this.printError(`'${groupId}' does not exist.`);
      case ErrorCode.GROUP_AUTHORIZATION_FAILED:
        return this.printError(`Access to '${groupId}' is not authorized.`);
      case ErrorCode.NON_EMPTY_GROUP:
        return this.printError(
          `Deleting offsets of a consumer group '${groupId}' is forbidden if the group is not empty.`,
        );
      case ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC:
      case ErrorCode.TOPIC_AUTHORIZATION_FAILED:
      case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
        return this.printError('Encounter some partition level error, see the follow-up details:');
      default:
        this.printError(`Encounter some unknown error: ${errorName(error)}`);
    }
  }
}
