// A consumer-group member in its own process, so a test can kill it without a LeaveGroup:
//   node consumer-groups-member.mjs <kafkajs|platformatic> <bootstrap> <group> <topic> [clientId]
// Prints one JSON line per consumed record ({"p":partition,"o":offset,"v":value}) and per kafkajs
// group join ({"joined":generationId,"assignment":{...}}). kafkajs uses a "roundrobin"-named
// assigner so it can share a group with librdkafka, kafka-python and platformatic members.
import kafkajs from 'kafkajs';
import { Consumer, stringDeserializers } from '@platformatic/kafka';

const [client, bootstrap, groupId, topic, clientId = `${client}-member`] = process.argv.slice(2);
const print = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

if (client === 'kafkajs') {
  const { Kafka, logLevel, PartitionAssigners } = kafkajs;
  const roundRobin = (config) => ({ ...PartitionAssigners.roundRobin(config), name: 'roundrobin' });
  const kafka = new Kafka({
    clientId,
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 30 },
  });
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 4000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 300,
    maxWaitTimeInMs: 300,
    partitionAssigners: [roundRobin],
  });
  consumer.on(consumer.events.GROUP_JOIN, (e) =>
    print({
      joined: e.payload.generationId ?? 0,
      memberId: e.payload.memberId,
      assignment: e.payload.memberAssignment,
    }),
  );
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) =>
      print({ p: partition, o: message.offset, v: String(message.value) }),
  });
  const stop = () => consumer.disconnect().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else if (client === 'platformatic') {
  const consumer = new Consumer({
    clientId,
    groupId,
    bootstrapBrokers: bootstrap.split(','),
    deserializers: stringDeserializers,
    sessionTimeout: 4000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 300,
  });
  const stream = await consumer.consume({
    topics: [topic],
    mode: 'committed',
    fallbackMode: 'earliest',
    autocommit: 200,
    maxWaitTime: 300,
  });
  stream.on('data', (m) => print({ p: m.partition, o: String(m.offset), v: m.value }));
  const stop = () =>
    stream
      .close()
      .then(() => consumer.close())
      .finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  console.error(`unknown client ${client}`);
  process.exit(2);
}
