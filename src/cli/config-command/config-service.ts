/**
 * What both modes of `kafka-configs.sh` share: the ConfigService contract, Kafka's parsing of
 * `--add-config` / `--add-config-file` / `--delete-config`, the entity as Kafka prints it, and the
 * `ExecutionException` the Java admin client wraps broker errors in.
 */
import { AdminError, IllegalArgumentError } from '../../admin/errors';
import { loadPropertiesFile } from '../../common/java-properties';
import type { ToolOutput } from '../topic-command/topic-service';
import { javaSplit } from '../topic-command/topic-service';
import type { ConfigCommandOptions } from './options';

/** The entity a command is about: the first entity type and name (undefined: every entity). */
export interface ConfigEntity {
  type: string;
  name: string | undefined;
}

export interface ConfigService {
  describe(entity: ConfigEntity, describeAll: boolean): Promise<void>;
  alter(entity: ConfigEntity, opts: ConfigCommandOptions): Promise<void>;
  close(): Promise<void>;
}

/** ZooKeeper's name for an entity's defaults (`ConfigEntityName.Default`). */
export const DEFAULT_ENTITY_NAME = '<default>';

/** Kafka's `Entity.toString`: `topic 't'`, `brokers '0'`, `default brokers`. */
export function entityString(type: string, sanitizedName: string): string {
  const typeName =
    type === 'users'
      ? 'user-principal'
      : type === 'clients'
        ? 'client-id'
        : type === 'topics'
          ? 'topic'
          : type;
  return sanitizedName === DEFAULT_ENTITY_NAME ? `default ${typeName}` : `${typeName} '${sanitizedName}'`;
}

/** A comma not inside square brackets (Kafka's `"," + "(?=[^\\]]*(?:\\[|$))"`). */
const PAIR_SEPARATOR = /,(?=[^\]]*(?:\[|$))/;
const KEY_VALUE_SEPARATOR = /\s*=\s*(?=[^\]]*(?:\[|$))/;

/** Kafka's `parseConfigsToBeAdded`: the file's properties, then the `--add-config` pairs. */
export function parseConfigsToBeAdded(opts: ConfigCommandOptions, output: ToolOutput): Map<string, string> {
  const props = new Map<string, string>();
  const file = opts.valueOf('add-config-file');
  if (file !== undefined) {
    try {
      for (const [k, v] of loadPropertiesFile(file)) props.set(k, v);
    } catch (err) {
      throw new AdminError('java.nio.file.NoSuchFileException', file, { cause: err });
    }
  }
  const text = opts.valueOf('add-config');
  if (text !== undefined) {
    const pairs = javaSplit(text, PAIR_SEPARATOR).map((p) => p.split(KEY_VALUE_SEPARATOR));
    if (!pairs.every((p) => p.length === 2))
      throw new IllegalArgumentError(
        'requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".',
      );
    for (const [k = '', v = ''] of pairs) props.set(k.trim(), v.replace(/\[?\]?/g, '').trim());
  }
  const format = props.get('message.format.version');
  if (format !== undefined)
    output.out(
      `WARNING: The configuration message.format.version=${format} is specified. ` +
        'This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker.',
    );
  return props;
}

/** Kafka's `parseConfigsToBeDeleted`: the comma-separated `--delete-config` names, trimmed. */
export function parseConfigsToBeDeleted(opts: ConfigCommandOptions): string[] {
  return opts.valuesOf('delete-config').map((n) => n.trim());
}

/** `java.util.concurrent.ExecutionException`, as `KafkaFuture.get()` throws a failed call's error. */
export class ExecutionError extends AdminError {
  constructor(readonly failure: AdminError) {
    super('java.util.concurrent.ExecutionException', `${failure.javaClassName}: ${failure.message}`, {
      cause: failure,
    });
  }
}

/** What `printStackTrace` shows, without the frames: the exception line and its causes. */
export function stackTraceLines(err: unknown): string[] {
  const lines: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && depth < 5; depth++) {
    const line =
      e instanceof AdminError
        ? `${e.javaClassName}: ${e.message}`
        : e instanceof Error
          ? `java.lang.RuntimeException: ${e.message}`
          : String(e);
    lines.push(depth === 0 ? line : `Caused by: ${line}`);
    e = e instanceof ExecutionError ? e.failure : undefined;
  }
  return lines;
}
