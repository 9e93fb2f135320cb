/**
 * The tables of Kafka 2.8's ConsumerGroupCommand, with its format strings: left-aligned columns
 * (`%-Ns`, never truncated), `-` for a missing value, and the widths Kafka computes (group, topic,
 * consumer id and host at least 15 wide, grown to the longest value). Each function returns the
 * lines to print; an empty string is the blank line Kafka's leading `\n` produces. Pure.
 */
export const MISSING = '-';

/** Java's `%-Ns`. */
export const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - s.length));

export interface PartitionAssignmentState {
  group: string;
  topic: string | null;
  partition: number | null;
  offset: bigint | null;
  lag: bigint | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
  logEndOffset: bigint | null;
}

const show = (v: string | number | bigint | null): string => (v === null ? MISSING : String(v));

/** `--describe` (offsets view): a blank line, the 9-column header, one row per partition. */
export function offsetsTable(rows: readonly PartitionAssignmentState[]): string[] {
  let [g, t, c, h] = [15, 15, 15, 15];
  for (const r of rows) {
    g = Math.max(g, r.group.length);
    t = Math.max(t, show(r.topic).length);
    c = Math.max(c, show(r.consumerId).length);
    h = Math.max(h, show(r.host).length);
  }
  const line = (cols: string[]): string => {
    const [group, topic, partition, offset, leo, lag, consumer, host, client] = cols;
    return (
      `${pad(group ?? '', g)} ${pad(topic ?? '', t)} ${pad(partition ?? '', 10)} ${pad(offset ?? '', 15)} ` +
      `${pad(leo ?? '', 15)} ${pad(lag ?? '', 15)} ${pad(consumer ?? '', c)} ${pad(host ?? '', h)} ${client ?? ''}`
    );
  };
  return [
    '',
    line([
      'GROUP',
      'TOPIC',
      'PARTITION',
      'CURRENT-OFFSET',
      'LOG-END-OFFSET',
      'LAG',
      'CONSUMER-ID',
      'HOST',
      'CLIENT-ID',
    ]),
    ...rows.map((r) =>
      line([
        r.group,
        show(r.topic),
        show(r.partition),
        show(r.offset),
        show(r.logEndOffset),
        show(r.lag),
        show(r.consumerId),
        show(r.host),
        show(r.clientId),
      ]),
    ),
  ];
}

export interface MemberAssignmentState {
  group: string;
  consumerId: string;
  host: string;
  clientId: string;
  groupInstanceId: string;
  numPartitions: number;
  /** Only filled for --verbose. */
  assignment: { topic: string; partition: number }[];
}

/** `topic(0,1,2), other(3)`: topics sorted, partitions sorted, `-` for none. */
export function assignmentText(assignment: readonly { topic: string; partition: number }[]): string {
  if (assignment.length === 0) return MISSING;
  const byTopic = new Map<string, number[]>();
  for (const tp of assignment) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return [...byTopic]
    .map(([topic, ps]) => `${topic}(${[...ps].sort((a, b) => a - b).join(',')})`)
    .sort()
    .join(', ');
}

/** `--describe --members [--verbose]`: rows end with the padded #PARTITIONS cell (Kafka prints it so). */
export function membersTable(rows: readonly MemberAssignmentState[], verbose: boolean): string[] {
  let [g, c, gi, h, cl] = [15, 15, 17, 15, 15];
  let withInstance = false;
  for (const r of rows) {
    g = Math.max(g, r.group.length);
    c = Math.max(c, r.consumerId.length);
    gi = Math.max(gi, r.groupInstanceId.length);
    h = Math.max(h, r.host.length);
    cl = Math.max(cl, r.clientId.length);
    withInstance ||= r.groupInstanceId.length > 0;
  }
  const line = (
    group: string,
    consumer: string,
    instance: string,
    host: string,
    client: string,
    n: string,
  ): string =>
    `${pad(group, g)} ${pad(consumer, c)} ${withInstance ? `${pad(instance, gi)} ` : ''}${pad(host, h)} ${pad(client, cl)} ${pad(n, 15)} `;
  return [
    '',
    line('GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS') +
      (verbose ? 'ASSIGNMENT' : ''),
    ...rows.map(
      (r) =>
        line(r.group, r.consumerId, r.groupInstanceId, r.host, r.clientId, String(r.numPartitions)) +
        (verbose ? assignmentText(r.assignment) : ''),
    ),
  ];
}

export interface GroupStateRow {
  group: string;
  coordinator: { host: string; port: number; id: number };
  assignmentStrategy: string;
  state: string;
  numMembers: number;
}

/** `--describe --state` (Kafka sizes the GROUP column by the coordinator's text, as here). */
export function stateTable(s: GroupStateRow): string[] {
  const coordinator = `${s.coordinator.host}:${s.coordinator.port} (${s.coordinator.id})`;
  const w = Math.max(25, coordinator.length);
  return [
    '',
    `${pad('GROUP', w)} ${pad('COORDINATOR (ID)', 25)} ${pad('ASSIGNMENT-STRATEGY', 20)} ${pad('STATE', 15)} #MEMBERS`,
    `${pad(s.group, w)} ${pad(coordinator, 25)} ${pad(s.assignmentStrategy, 20)} ${pad(s.state, 15)} ${s.numMembers}`,
  ];
}

/** `--list --state`. */
export function groupStatesTable(rows: readonly { group: string; state: string }[]): string[] {
  const w = Math.max(15, ...rows.map((r) => r.group.length));
  return [`${pad('GROUP', w)} STATE`, ...rows.map((r) => `${pad(r.group, w)} ${r.state}`)];
}

export interface ResetRow {
  topic: string;
  partition: number;
  offset: bigint;
}

/** The reset plan (`%-30s %-30s %-10s %-15s`); the header appears once any group was considered. */
export function resetTable(plan: ReadonlyMap<string, readonly ResetRow[]>): string[] {
  if (plan.size === 0) return [];
  const line = (g: string, t: string, p: string, o: string): string =>
    `${pad(g, 30)} ${pad(t, 30)} ${pad(p, 10)} ${pad(o, 15)}`;
  const out = ['', line('GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET')];
  for (const [group, rows] of plan)
    for (const r of rows) out.push(line(group, r.topic, String(r.partition), String(r.offset)));
  return out;
}

/** `--export`: CSV rows `topic,partition,offset` (one group) or `group,topic,partition,offset`. */
export function resetCsv(plan: ReadonlyMap<string, readonly ResetRow[]>, singleGroup: boolean): string {
  let out = '';
  for (const [group, rows] of plan)
    for (const r of rows) out += `${singleGroup ? '' : `${group},`}${r.topic},${r.partition},${r.offset}\n`;
  return out;
}

/** `--delete-offsets` result table. */
export function deleteOffsetsTable(
  rows: readonly { topic: string; partition: number | null; status: string }[],
): string[] {
  const line = (t: string, p: string, s: string): string => `${pad(t, 30)} ${pad(p, 15)} ${pad(s, 15)}`;
  return [
    '',
    line('TOPIC', 'PARTITION', 'STATUS'),
    ...rows.map((r) => line(r.topic, r.partition === null ? 'Not Provided' : String(r.partition), r.status)),
  ];
}
