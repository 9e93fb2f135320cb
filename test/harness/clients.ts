/**
 * What each real client sees of the cluster's metadata, normalised so tests can compare them:
 * kcat (librdkafka), kafkajs, kafka-python (Debian's, under /usr/bin/python3) and @platformatic/kafka.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import path from 'node:path';

const run = promisify(execFile);

export interface SeenPartition {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface SeenMetadata {
  brokers: number[];
  topics: Record<string, SeenPartition[]>;
}

const byPartition = (a: SeenPartition, b: SeenPartition): number => a.partition - b.partition;

export async function kcatMetadata(bootstrap: string, topics: string[]): Promise<SeenMetadata> {
  const out: SeenMetadata = { brokers: [], topics: {} };
  for (const topic of topics) {
    const { stdout } = await run('kcat', ['-b', bootstrap, '-L', '-J', '-t', topic, '-m', '10'], {
      timeout: 20_000,
    });
    const json = JSON.parse(stdout) as {
      brokers: { id: number }[];
      topics: {
        topic: string;
        partitions: {
          partition: number;
          leader: number;
          replicas: { id: number }[];
          isrs: { id: number }[];
        }[];
      }[];
    };
    out.brokers = json.brokers.map((b) => b.id).sort((a, b) => a - b);
    for (const t of json.topics) {
      out.topics[t.topic] = t.partitions
        .map((p) => ({
          partition: p.partition,
          leader: p.leader,
          replicas: p.replicas.map((r) => r.id),
          isr: p.isrs.map((r) => r.id),
        }))
        .sort(byPartition);
    }
  }
  return out;
}

export async function kafkajsMetadata(
  bootstrap: string,
  topics: string[],
): Promise<SeenMetadata & { controller: number | null }> {
  const kafka = new Kafka({
    clientId: 'test-kafkajs',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const meta = await admin.fetchTopicMetadata({ topics });
    const out: SeenMetadata & { controller: number | null } = {
      brokers: cluster.brokers.map((b) => b.nodeId).sort((a, b) => a - b),
      controller: cluster.controller,
      topics: {},
    };
    for (const t of meta.topics) {
      out.topics[t.name] = t.partitions
        .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
        .sort(byPartition);
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

const PYTHON_METADATA = `
import json, sys
from kafka import KafkaAdminClient
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1].split(','), client_id='test-kafka-python')
cluster = admin.describe_cluster()
topics = admin.describe_topics(sys.argv[2].split(','))
print(json.dumps({'brokers': sorted(b['node_id'] for b in cluster['brokers']), 'controller': cluster['controller_id'],
  'topics': {t['topic']: sorted([{'partition': p['partition'], 'leader': p['leader'], 'replicas': p['replicas'], 'isr': p['isr']}
  for p in t['partitions']], key=lambda p: p['partition']) for t in topics}}))
admin.close()
`;

export async function kafkaPythonMetadata(
  bootstrap: string,
  topics: string[],
): Promise<SeenMetadata & { controller: number }> {
  const { stdout } = await run('/usr/bin/python3', ['-c', PYTHON_METADATA, bootstrap, topics.join(',')], {
    timeout: 30_000,
  });
  return JSON.parse(stdout) as SeenMetadata & { controller: number };
}

export async function platformaticMetadata(
  bootstrap: string,
  topics: string[],
): Promise<SeenMetadata & { controller: number }> {
  const script = path.join(__dirname, 'platformatic-metadata.mjs');
  const { stdout } = await run(process.execPath, [script, bootstrap, topics.join(',')], { timeout: 30_000 });
  return JSON.parse(stdout) as SeenMetadata & { controller: number };
}
