// Prints the cluster metadata @platformatic/kafka sees, as JSON. It is an ES module only, so tests
// run it in its own node process: node platformatic-metadata.mjs <bootstrap> <topic,topic>
import { Admin } from '@platformatic/kafka';

const [bootstrap, topics] = process.argv.slice(2);
const admin = new Admin({ clientId: 'test-platformatic', bootstrapBrokers: bootstrap.split(',') });
try {
  const meta = await admin.metadata({ topics: topics.split(',') });
  const out = {
    brokers: [...meta.brokers.keys()].sort((a, b) => a - b),
    controller: meta.controllerId,
    topics: {},
  };
  for (const [name, t] of meta.topics) {
    out.topics[name] = t.partitions.map((p, partition) => ({
      partition,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
    }));
  }
  console.log(JSON.stringify(out));
} finally {
  await admin.close();
}
