import {
  ERRORS,
  ErrorCode,
  KafkaError,
  ProtocolDecodeError,
  apiName,
  errorInfo,
  errorName,
  isKnownApiKey,
  isRetriable,
  toErrorCode,
  ApiKey,
} from '../../../src/protocol';

describe('error table', () => {
  it('covers every code from -1 to 104 exactly once, in order', () => {
    expect(ERRORS.map((e) => e.code)).toEqual(Array.from({ length: 106 }, (_, i) => i - 1));
    expect(new Set(ERRORS.map((e) => e.name)).size).toBe(ERRORS.length);
  });

  it('has Kafka names, retriable flags and messages', () => {
    expect(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).toBe(3);
    expect(ErrorCode.NOT_LEADER_OR_FOLLOWER).toBe(6);
    expect(ErrorCode.UNSUPPORTED_VERSION).toBe(35);
    expect(ErrorCode.MEMBER_ID_REQUIRED).toBe(79);
    expect(errorInfo(3)).toEqual({
      code: 3,
      name: 'UNKNOWN_TOPIC_OR_PARTITION',
      retriable: true,
      message: 'This server does not host this topic-partition.',
    });
    expect([5, 6, 7, 14, 15, 16, 19, 41, 74].every(isRetriable)).toBe(true);
    expect([-1, 0, 1, 22, 25, 27, 35, 36, 45, 79].some(isRetriable)).toBe(false);
    expect(errorName(0)).toBe('NONE');
    expect(errorName(999)).toBe('UNKNOWN_ERROR_CODE_999');
  });

  it('KafkaError carries code, default message, retriable flag and cause', () => {
    const cause = new Error('disk');
    const e = new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, undefined, { cause });
    expect(e.message).toBe('Disk error when trying to access log file on the disk.');
    expect(e.errorName).toBe('KAFKA_STORAGE_ERROR');
    expect(e.retriable).toBe(true);
    expect(e.cause).toBe(cause);
    expect(e).toBeInstanceOf(Error);
  });

  it('maps any thrown value to a code', () => {
    expect(toErrorCode(new KafkaError(ErrorCode.NOT_CONTROLLER))).toBe(41);
    expect(toErrorCode(new ProtocolDecodeError('bad'))).toBe(ErrorCode.INVALID_REQUEST);
    expect(toErrorCode(new Error('x'))).toBe(-1);
    expect(toErrorCode('string')).toBe(-1);
    expect(toErrorCode(undefined)).toBe(-1);
  });
});

describe('api keys', () => {
  it('names keys', () => {
    expect(ApiKey.Produce).toBe(0);
    expect(ApiKey.AlterIsr).toBe(56);
    expect(apiName(18)).toBe('ApiVersions');
    expect(apiName(500)).toBe('Unknown(500)');
    expect(isKnownApiKey(64)).toBe(true);
    expect(isKnownApiKey(65)).toBe(false);
  });
});
