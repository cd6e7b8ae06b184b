// job: the job as validated data (JobSpec) and the zod-based parsers that turn ASA definitions into it.
export {
  boolLike, canonicalizeKeys, ciEnum, ciObject, ciStrictObject, describeType, flattenArmProperties, intLike, isPlainObject, KEY_ALIASES,
  numberLike, pickCi, text,
} from './case-insensitive.ts';
export { lookupInputSourceType, lookupOutputSinkType } from './data-source-type.ts';
export type { InputSourceType, OutputSinkType } from './data-source-type.ts';
export { didYouMean, editDistance } from './did-you-mean.ts';
export type { FileDateFormat, FileOutputProperties, FileReferenceProperties, FileTimeFormat } from './file-properties.ts';
export { parseFunctionDefinition } from './function-spec.ts';
export type { FunctionParameterSpec, FunctionParseContext, FunctionSpec, UdfDataType } from './function-spec.ts';
export type { InputKind } from './input-kind.ts';
export { inputMockSchema, INPUT_MOCK_KEYS } from './input-mock.ts';
export type { InputMockSpec, MockFormat } from './input-mock.ts';
export { parseInputDefinition } from './input-spec.ts';
export type { InputCompression, InputParseContext, InputSource, InputSpec } from './input-spec.ts';
export { DEFAULT_JOB_CONFIG, parseJobConfig } from './job-config.ts';
export type {
  CompatibilityLevel, EventsOutOfOrderPolicy, JobConfigSpec, JobIdentity, OutputErrorPolicy, OutputStartMode,
} from './job-config.ts';
export {
  formatKeyPath, fromZodIssues, hasErrors, jobError, jobWarning, resolveKeyPath, unknownKeyIssues,
} from './job-issue.ts';
export type { JobIssue, KeyPath, Parsed, ResolvedPath } from './job-issue.ts';
export { checkJobSpec, localOnlyInputs } from './job-spec.ts';
export type { JobSpec } from './job-spec.ts';
export { deriveConsumerGroupId } from './kafka-properties.ts';
export type {
  KafkaCompressionType, KafkaConnectionSpec, KafkaInputProperties, KafkaOutputProperties, KafkaSaslMechanism,
  KafkaSecurityProtocol, KafkaTimestampType,
} from './kafka-properties.ts';
export { parseOutputDefinition } from './output-spec.ts';
export type { OutputParseContext, OutputSink, OutputSpec } from './output-spec.ts';
export type {
  PostgresConnectionSpec, PostgresOutputProperties, PostgresReferenceProperties, PostgresRefreshType, PostgresSslMode,
} from './postgres-properties.ts';
export { secretName, secretValue } from './secret-value.ts';
export type { SecretValue } from './secret-value.ts';
export { serializationSchema } from './serialization.ts';
export type { Serialization, SerializationDirection, SerializationType } from './serialization.ts';
export { durationSeconds, parseTimeSpanSeconds } from './time-span.ts';
