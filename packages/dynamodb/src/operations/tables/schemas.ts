// Request shapes shared by the control-plane operations. Member order is the order DynamoDB reports
// constraint violations in; constraints are the API reference's (see validation/compile.ts for the keywords).
import Type from 'typebox';

import { IndexNameSchema, PlainTableNameSchema } from '../schemas.js';

export const TableName = PlainTableNameSchema;
export const IndexName = IndexNameSchema;
export const AttributeName = Type.String({ minLength: 1, maxLength: 255 });

export const KeySchemaElement = Type.Object({
  AttributeName,
  KeyType: Type.Union([Type.Literal('HASH'), Type.Literal('RANGE')]),
});
export const KeySchema = Type.Array(KeySchemaElement, { minItems: 1, maxItems: 2 });

export const AttributeDefinition = Type.Object({
  AttributeName,
  AttributeType: Type.Union([Type.Literal('B'), Type.Literal('N'), Type.Literal('S')]),
});
export const AttributeDefinitions = Type.Array(AttributeDefinition);

export const ProvisionedThroughput = Type.Object({
  WriteCapacityUnits: Type.Integer({ minimum: 1, javaType: 'Long' }),
  ReadCapacityUnits: Type.Integer({ minimum: 1, javaType: 'Long' }),
});

export const OnDemandThroughput = Type.Object({
  MaxReadRequestUnits: Type.Optional(Type.Integer({ javaType: 'Long' })),
  MaxWriteRequestUnits: Type.Optional(Type.Integer({ javaType: 'Long' })),
});

export const WarmThroughput = Type.Object({
  ReadUnitsPerSecond: Type.Optional(Type.Integer({ javaType: 'Long' })),
  WriteUnitsPerSecond: Type.Optional(Type.Integer({ javaType: 'Long' })),
});

export const Projection = Type.Object({
  ProjectionType: Type.Optional(Type.Union([Type.Literal('ALL'), Type.Literal('INCLUDE'), Type.Literal('KEYS_ONLY')])),
  NonKeyAttributes: Type.Optional(Type.Array(AttributeName, { minItems: 1, maxItems: 20 })),
});

export const GlobalSecondaryIndex = Type.Object({
  IndexName,
  KeySchema,
  Projection,
  ProvisionedThroughput: Type.Optional(ProvisionedThroughput),
  OnDemandThroughput: Type.Optional(OnDemandThroughput),
  WarmThroughput: Type.Optional(WarmThroughput),
});

export const LocalSecondaryIndex = Type.Object({
  IndexName,
  KeySchema,
  Projection,
});

export const BillingMode = Type.Union([Type.Literal('PROVISIONED'), Type.Literal('PAY_PER_REQUEST')]);

export const StreamSpecification = Type.Object({
  StreamEnabled: Type.Boolean(),
  StreamViewType: Type.Optional(
    Type.Union([
      Type.Literal('NEW_IMAGE'),
      Type.Literal('OLD_IMAGE'),
      Type.Literal('NEW_AND_OLD_IMAGES'),
      Type.Literal('KEYS_ONLY'),
    ]),
  ),
});

export const SSESpecification = Type.Object({
  Enabled: Type.Optional(Type.Boolean()),
  SSEType: Type.Optional(Type.Union([Type.Literal('AES256'), Type.Literal('KMS')])),
  KMSMasterKeyId: Type.Optional(Type.String()),
});

export const Tag = Type.Object({
  Key: Type.String({ minLength: 1, maxLength: 128 }),
  Value: Type.String({ minLength: 0, maxLength: 256 }),
});

/** TableClass is checked by the operation: DynamoDB answers a bad value with its own sentence, not an enum error. */
export const TableClass = Type.String();
