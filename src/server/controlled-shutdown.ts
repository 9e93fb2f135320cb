/**
 * The broker's side of controlled shutdown (KafkaServer.controlledShutdown): find the controller in
 * ZooKeeper, send it ControlledShutdown v3 with this broker's id and epoch, and retry up to
 * `controlled.shutdown.max.retries` times `controlled.shutdown.retry.backoff.ms` apart until it reports
 * no partitions left. If every attempt fails the broker goes on with an unclean shutdown, as Kafka.
 */
import type { Logger } from '../common/logger';
import { BrokerClient } from '../network/broker-client';
import { ApiKey, ErrorCode, errorName } from '../protocol';
import type { KafkaZkClient } from '../zk/kafka-zk-client';

export interface ControlledShutdownOptions {
  brokerId: number;
  brokerEpoch: bigint;
  zkClient: KafkaZkClient;
  interBrokerListenerName: string;
  maxRetries: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  log: Logger;
}

/** Rejects after `ms`, so that a ZooKeeper or controller that went away cannot hold the shutdown. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not complete within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function controlledShutdown(o: ControlledShutdownOptions): Promise<boolean> {
  o.log.info('Starting controlled shutdown');
  for (let attempt = 1; attempt <= Math.max(1, o.maxRetries); attempt++) {
    let client: BrokerClient | undefined;
    if (!o.zkClient.zk.isConnected) {
      o.log.warn('Not connected to ZooKeeper, so the controller cannot be found');
      break;
    }
    try {
      const controllerId = await within(
        o.requestTimeoutMs,
        'Reading /controller',
        o.zkClient.getControllerId(),
      );
      const controller =
        controllerId === null
          ? null
          : await within(
              o.requestTimeoutMs,
              'Reading the controller registration',
              o.zkClient.getBroker(controllerId),
            );
      const endpoint =
        controller?.info.endpoints.find((e) => e.listenerName === o.interBrokerListenerName) ??
        controller?.info.endpoints[0];
      if (controllerId !== null && endpoint) {
        client = new BrokerClient(
          { id: controllerId, host: endpoint.host, port: endpoint.port },
          { clientId: `broker-${o.brokerId}-controlled-shutdown`, requestTimeoutMs: o.requestTimeoutMs },
        );
        const sentAt = Date.now();
        const response = await client.send(ApiKey.ControlledShutdown, 3, {
          brokerId: o.brokerId,
          brokerEpoch: o.brokerEpoch,
        });
        if (response.errorCode === ErrorCode.NONE && response.remainingPartitions.length === 0) {
          o.log.info(`Controlled shutdown request returned successfully after ${Date.now() - sentAt}ms`);
          o.log.info('Controlled shutdown succeeded');
          return true;
        }
        o.log.info(
          `Remaining partitions to move: ${response.remainingPartitions.map((p) => `${p.topicName}-${p.partitionIndex}`).join(',')}`,
        );
        o.log.info(`Error from controller: ${errorName(response.errorCode)}`);
      } else {
        o.log.info('No controller is registered in ZooKeeper');
      }
    } catch (err) {
      o.log.warn(
        `Error during controlled shutdown, possibly because leader movement took longer than the configured controller.socket.timeout.ms and/or request.timeout.ms: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      client?.close();
    }
    if (attempt < o.maxRetries) {
      o.log.warn('Retrying controlled shutdown after the previous attempt failed...');
      await new Promise((r) => setTimeout(r, o.retryBackoffMs));
    }
  }
  o.log.warn('Proceeding to do an unclean shutdown as all the controlled shutdown attempts failed');
  return false;
}
