/**
 * The registry of message schemas: every API this codec serves, keyed by API key, with the typed body
 * maps the rest of the broker uses (`RequestBodies[ApiKey.Metadata]` is `MetadataRequest`).
 */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';
import { ProduceRequestSchema, ProduceResponseSchema } from './produce';
import { FetchRequestSchema, FetchResponseSchema } from './fetch';
import { ListOffsetsRequestSchema, ListOffsetsResponseSchema } from './list-offsets';
import { MetadataRequestSchema, MetadataResponseSchema } from './metadata';
import { LeaderAndIsrRequestSchema, LeaderAndIsrResponseSchema } from './leader-and-isr';
import { StopReplicaRequestSchema, StopReplicaResponseSchema } from './stop-replica';
import { UpdateMetadataRequestSchema, UpdateMetadataResponseSchema } from './update-metadata';
import { ControlledShutdownRequestSchema, ControlledShutdownResponseSchema } from './controlled-shutdown';
import { OffsetCommitRequestSchema, OffsetCommitResponseSchema } from './offset-commit';
import { OffsetFetchRequestSchema, OffsetFetchResponseSchema } from './offset-fetch';
import { FindCoordinatorRequestSchema, FindCoordinatorResponseSchema } from './find-coordinator';
import { JoinGroupRequestSchema, JoinGroupResponseSchema } from './join-group';
import { HeartbeatRequestSchema, HeartbeatResponseSchema } from './heartbeat';
import { LeaveGroupRequestSchema, LeaveGroupResponseSchema } from './leave-group';
import { SyncGroupRequestSchema, SyncGroupResponseSchema } from './sync-group';
import { DescribeGroupsRequestSchema, DescribeGroupsResponseSchema } from './describe-groups';
import { ListGroupsRequestSchema, ListGroupsResponseSchema } from './list-groups';
import { SaslHandshakeRequestSchema, SaslHandshakeResponseSchema } from './sasl-handshake';
import { ApiVersionsRequestSchema, ApiVersionsResponseSchema } from './api-versions';
import { CreateTopicsRequestSchema, CreateTopicsResponseSchema } from './create-topics';
import { DeleteTopicsRequestSchema, DeleteTopicsResponseSchema } from './delete-topics';
import { DeleteRecordsRequestSchema, DeleteRecordsResponseSchema } from './delete-records';
import { InitProducerIdRequestSchema, InitProducerIdResponseSchema } from './init-producer-id';
import {
  OffsetForLeaderEpochRequestSchema,
  OffsetForLeaderEpochResponseSchema,
} from './offset-for-leader-epoch';
import { DescribeConfigsRequestSchema, DescribeConfigsResponseSchema } from './describe-configs';
import { AlterConfigsRequestSchema, AlterConfigsResponseSchema } from './alter-configs';
import { SaslAuthenticateRequestSchema, SaslAuthenticateResponseSchema } from './sasl-authenticate';
import { CreatePartitionsRequestSchema, CreatePartitionsResponseSchema } from './create-partitions';
import { DeleteGroupsRequestSchema, DeleteGroupsResponseSchema } from './delete-groups';
import {
  IncrementalAlterConfigsRequestSchema,
  IncrementalAlterConfigsResponseSchema,
} from './incremental-alter-configs';
import { OffsetDeleteRequestSchema, OffsetDeleteResponseSchema } from './offset-delete';
import { AlterIsrRequestSchema, AlterIsrResponseSchema } from './alter-isr';
import { ElectLeadersRequestSchema, ElectLeadersResponseSchema } from './elect-leaders';

export * from './alter-configs';
export * from './alter-isr';
export * from './elect-leaders';
export * from './api-versions';
export * from './controlled-shutdown';
export * from './create-partitions';
export * from './create-topics';
export * from './delete-groups';
export * from './delete-records';
export * from './delete-topics';
export * from './describe-configs';
export * from './describe-groups';
export * from './fetch';
export * from './find-coordinator';
export * from './heartbeat';
export * from './incremental-alter-configs';
export * from './init-producer-id';
export * from './join-group';
export * from './leader-and-isr';
export * from './leave-group';
export * from './list-groups';
export * from './list-offsets';
export * from './metadata';
export * from './offset-commit';
export * from './offset-delete';
export * from './offset-fetch';
export * from './offset-for-leader-epoch';
export * from './produce';
export * from './sasl-authenticate';
export * from './sasl-handshake';
export * from './stop-replica';
export * from './sync-group';
export * from './update-metadata';

/** Request and response schema of every supported API. */
export const MESSAGES = {
  [ApiKey.Produce]: { request: ProduceRequestSchema, response: ProduceResponseSchema },
  [ApiKey.Fetch]: { request: FetchRequestSchema, response: FetchResponseSchema },
  [ApiKey.ListOffsets]: { request: ListOffsetsRequestSchema, response: ListOffsetsResponseSchema },
  [ApiKey.Metadata]: { request: MetadataRequestSchema, response: MetadataResponseSchema },
  [ApiKey.LeaderAndIsr]: { request: LeaderAndIsrRequestSchema, response: LeaderAndIsrResponseSchema },
  [ApiKey.StopReplica]: { request: StopReplicaRequestSchema, response: StopReplicaResponseSchema },
  [ApiKey.UpdateMetadata]: { request: UpdateMetadataRequestSchema, response: UpdateMetadataResponseSchema },
  [ApiKey.ControlledShutdown]: {
    request: ControlledShutdownRequestSchema,
    response: ControlledShutdownResponseSchema,
  },
  [ApiKey.OffsetCommit]: { request: OffsetCommitRequestSchema, response: OffsetCommitResponseSchema },
  [ApiKey.OffsetFetch]: { request: OffsetFetchRequestSchema, response: OffsetFetchResponseSchema },
  [ApiKey.FindCoordinator]: {
    request: FindCoordinatorRequestSchema,
    response: FindCoordinatorResponseSchema,
  },
  [ApiKey.JoinGroup]: { request: JoinGroupRequestSchema, response: JoinGroupResponseSchema },
  [ApiKey.Heartbeat]: { request: HeartbeatRequestSchema, response: HeartbeatResponseSchema },
  [ApiKey.LeaveGroup]: { request: LeaveGroupRequestSchema, response: LeaveGroupResponseSchema },
  [ApiKey.SyncGroup]: { request: SyncGroupRequestSchema, response: SyncGroupResponseSchema },
  [ApiKey.DescribeGroups]: { request: DescribeGroupsRequestSchema, response: DescribeGroupsResponseSchema },
  [ApiKey.ListGroups]: { request: ListGroupsRequestSchema, response: ListGroupsResponseSchema },
  [ApiKey.SaslHandshake]: { request: SaslHandshakeRequestSchema, response: SaslHandshakeResponseSchema },
  [ApiKey.ApiVersions]: { request: ApiVersionsRequestSchema, response: ApiVersionsResponseSchema },
  [ApiKey.CreateTopics]: { request: CreateTopicsRequestSchema, response: CreateTopicsResponseSchema },
  [ApiKey.DeleteTopics]: { request: DeleteTopicsRequestSchema, response: DeleteTopicsResponseSchema },
  [ApiKey.DeleteRecords]: { request: DeleteRecordsRequestSchema, response: DeleteRecordsResponseSchema },
  [ApiKey.InitProducerId]: { request: InitProducerIdRequestSchema, response: InitProducerIdResponseSchema },
  [ApiKey.OffsetForLeaderEpoch]: {
    request: OffsetForLeaderEpochRequestSchema,
    response: OffsetForLeaderEpochResponseSchema,
  },
  [ApiKey.DescribeConfigs]: {
    request: DescribeConfigsRequestSchema,
    response: DescribeConfigsResponseSchema,
  },
  [ApiKey.AlterConfigs]: { request: AlterConfigsRequestSchema, response: AlterConfigsResponseSchema },
  [ApiKey.SaslAuthenticate]: {
    request: SaslAuthenticateRequestSchema,
    response: SaslAuthenticateResponseSchema,
  },
  [ApiKey.CreatePartitions]: {
    request: CreatePartitionsRequestSchema,
    response: CreatePartitionsResponseSchema,
  },
  [ApiKey.DeleteGroups]: { request: DeleteGroupsRequestSchema, response: DeleteGroupsResponseSchema },
  [ApiKey.IncrementalAlterConfigs]: {
    request: IncrementalAlterConfigsRequestSchema,
    response: IncrementalAlterConfigsResponseSchema,
  },
  [ApiKey.OffsetDelete]: { request: OffsetDeleteRequestSchema, response: OffsetDeleteResponseSchema },
  [ApiKey.AlterIsr]: { request: AlterIsrRequestSchema, response: AlterIsrResponseSchema },
  [ApiKey.ElectLeaders]: { request: ElectLeadersRequestSchema, response: ElectLeadersResponseSchema },
} as const satisfies Record<number, { request: MessageSchema; response: MessageSchema }>;

/** API keys that have schemas here. */
export type SupportedApiKey = keyof typeof MESSAGES;

/** Decoded request body per API key (every field present). */
export type RequestBodies = { [K in SupportedApiKey]: MessageData<(typeof MESSAGES)[K]['request']> };
/** Decoded response body per API key (every field present). */
export type ResponseBodies = { [K in SupportedApiKey]: MessageData<(typeof MESSAGES)[K]['response']> };
/** Request body accepted by the encoder per API key (version-specific fields optional). */
export type RequestInputs = { [K in SupportedApiKey]: MessageInput<(typeof MESSAGES)[K]['request']> };
/** Response body accepted by the encoder per API key (version-specific fields optional). */
export type ResponseInputs = { [K in SupportedApiKey]: MessageInput<(typeof MESSAGES)[K]['response']> };

/** True when the API key has schemas here. */
export function isApiSupported(apiKey: number): apiKey is SupportedApiKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, apiKey);
}

/** Every supported API key, ascending. */
export const SUPPORTED_API_KEYS: readonly SupportedApiKey[] = Object.keys(MESSAGES)
  .map(Number)
  .sort((a, b) => a - b) as SupportedApiKey[];
