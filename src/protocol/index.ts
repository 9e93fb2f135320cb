/** Public surface of the protocol layer: pure codecs, no I/O. See README.md. */
export * from './api-keys';
export * from './error-codes';
export * from './errors';
export * from './reader';
export * from './writer';
export * from './schema';
export {
  ZERO_UUID,
  checkSchema,
  decodeMessage,
  defaultMessage,
  encodeMessage,
  isFlexibleVersion,
  isVersionSupported,
} from './codec';
export * from './api';
export * from './headers';
export * from './messages';
export * from './crc32c';
export * from './record-batch';
export * from './records';
