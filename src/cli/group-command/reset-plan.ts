/**
 * `--reset-offsets`: which partitions to reset and to what (Kafka 2.8's getPartitionsToReset,
 * prepareOffsetsToReset and checkOffsetsRange), against the GroupAdmin interface.
 */
import { IllegalArgumentError } from '../../admin/errors';
import type { Logger } from '../../common/logger';
import type { ResetRow } from './format';
import type { GroupAdmin, TopicPartition } from './group-admin';
import { tpKey } from './group-admin';
import type { GroupCommandOptions } from './options';
import { UsageError } from './options';

/** Kafka's Utils.getDateTime: `YYYY-MM-DDTHH:mm:SS[.sss][zone]`, local time when no zone is given. */
export function parseDateTime(text: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text,
  );
  if (!m) throw new IllegalArgumentError(`Error parsing datetime '${text}'`);
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const millis = Number((ms ?? '0').padEnd(3, '0'));
  if (zone === undefined)
    return BigInt(
      new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis).getTime(),
    );
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${String(millis).padStart(3, '0')}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`;
  return BigInt(Date.parse(iso));
}

/** ISO-8601 `PnDTnHnMnS` (Java's Duration.parse) in milliseconds. */
export function parseDuration(text: string): bigint {
  const m = /^([+-]?)P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (!m || text.toUpperCase().endsWith('T'))
    throw new IllegalArgumentError(`Text cannot be parsed to a Duration: ${text}`);
  const [, sign, d, h, mi, s] = m;
  const ms =
    ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(mi ?? 0)) * 60_000 +
    Math.round(Number(s ?? 0) * 1000);
  return BigInt(sign === '-' ? -ms : ms);
}

export async function partitionsToReset(
  opts: GroupCommandOptions,
  admin: GroupAdmin,
  groupId: string,
): Promise<TopicPartition[]> {
  if (opts.has('all-topics')) return [...(await admin.committedOffsets(groupId)).values()];
  if (opts.has('topic')) {
    const out: TopicPartition[] = [];
    for (const arg of opts.valuesOf('topic')) {
      const i = arg.indexOf(':');
      if (i >= 0) {
        const topic = arg.slice(0, i);
        for (const p of arg.slice(i + 1).split(',')) out.push({ topic, partition: Number(p) });
      } else {
        for (const partition of await admin.partitionsOf(arg)) out.push({ topic: arg, partition });
      }
    }
    return out;
  }
  if (opts.has('from-file')) return [];
  throw new UsageError('One of the reset scopes should be defined: --all-topics, --topic.');
}

/** Keeps requested offsets within [log start, log end], with Kafka's WARN lines. */
async function checkOffsetsRange(
  admin: GroupAdmin,
  log: Logger,
  requested: readonly (TopicPartition & { offset: bigint })[],
): Promise<ResetRow[]> {
  const starts = await admin.listOffsets(requested, 'earliest');
  const ends = await admin.listOffsets(requested, 'latest');
  return requested.map((r) => {
    const end = ends.get(tpKey(r));
    const start = starts.get(tpKey(r));
    let offset = r.offset;
    if (end !== undefined && offset > end) {
      log.warn(
        `New offset (${offset}) is higher than latest offset for topic partition ${tpKey(r)}. Value will be set to ${end}`,
      );
      offset = end;
    } else if (start !== undefined && offset < start) {
      log.warn(
        `New offset (${offset}) is lower than earliest offset for topic partition ${tpKey(r)}. Value will be set to ${start}`,
      );
      offset = start;
    }
    return { topic: r.topic, partition: r.partition, offset };
  });
}

async function fromSpec(
  admin: GroupAdmin,
  tps: readonly TopicPartition[],
  spec: Parameters<GroupAdmin['listOffsets']>[1],
  what: string,
): Promise<ResetRow[]> {
  const offsets = await admin.listOffsets(tps, spec);
  return tps.map((tp) => {
    const offset = offsets.get(tpKey(tp));
    if (offset === undefined) throw new UsageError(`Error getting ${what} of topic partition: ${tpKey(tp)}`);
    return { ...tp, offset };
  });
}

/** Parses a `--from-file` CSV: `topic,partition,offset` or `group,topic,partition,offset` rows. */
export function parseResetFile(csv: string, groupId: string): ResetRow[] {
  const rows: ResetRow[] = [];
  for (const line of csv
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')) {
    const cols = line.split(',');
    const [group, topic, partition, offset] = cols.length === 4 ? cols : [groupId, ...cols];
    if (group === groupId && topic !== undefined && partition !== undefined && offset !== undefined)
      rows.push({ topic, partition: Number(partition), offset: BigInt(offset) });
  }
  return rows;
}

export async function prepareOffsetsToReset(
  opts: GroupCommandOptions,
  admin: GroupAdmin,
  log: Logger,
  groupId: string,
  tps: readonly TopicPartition[],
  now: () => number,
  readFile: (path: string) => string,
): Promise<ResetRow[]> {
  const toOffset = opts.longValueOf('to-offset');
  if (toOffset !== undefined)
    return checkOffsetsRange(
      admin,
      log,
      tps.map((tp) => ({ ...tp, offset: toOffset })),
    );
  if (opts.has('to-earliest')) return fromSpec(admin, tps, 'earliest', 'starting offset');
  if (opts.has('to-latest')) return fromSpec(admin, tps, 'latest', 'ending offset');
  const shiftBy = opts.longValueOf('shift-by');
  if (shiftBy !== undefined) {
    const committed = await admin.committedOffsets(groupId);
    const requested = tps.map((tp) => {
      const current = committed.get(tpKey(tp));
      if (!current)
        throw new IllegalArgumentError(
          `Cannot shift offset for partition ${tpKey(tp)} since there is no current committed offset`,
        );
      return { ...tp, offset: current.offset + shiftBy };
    });
    return checkOffsetsRange(admin, log, requested);
  }
  const datetime = opts.valueOf('to-datetime');
  if (datetime !== undefined)
    return fromSpec(admin, tps, { timestamp: parseDateTime(datetime) }, 'offset by timestamp');
  const duration = opts.valueOf('by-duration');
  if (duration !== undefined)
    return fromSpec(
      admin,
      tps,
      { timestamp: BigInt(now()) - parseDuration(duration) },
      'offset by timestamp',
    );
  const file = opts.valueOf('from-file');
  if (file !== undefined) return checkOffsetsRange(admin, log, parseResetFile(readFile(file), groupId));
  if (opts.has('to-current')) {
    const committed = await admin.committedOffsets(groupId);
    const without = tps.filter((tp) => !committed.has(tpKey(tp)));
    const latest = await fromSpec(admin, without, 'latest', 'ending offset');
    return tps.map((tp) => {
      const c = committed.get(tpKey(tp));
      return c
        ? { ...tp, offset: c.offset }
        : (latest.find((l) => tpKey(l) === tpKey(tp)) ?? { ...tp, offset: -1n });
    });
  }
  throw new UsageError('no reset scenario');
}
