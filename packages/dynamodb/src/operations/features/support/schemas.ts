// Request member schemas shared by the feature operations (constraints as in DynamoDB's API model; the
// validator turns them into "1 validation error detected: ..." messages).
import { Type } from 'typebox';

export { IndexNameSchema, PlainTableNameSchema } from '../../schemas.js';

/** A table name or ARN (DynamoDB's model allows either, 3..1024). */
export const TableNameSchema = Type.String({ minLength: 3, maxLength: 1024 });
export const BackupArnSchema = Type.String({ minLength: 37, maxLength: 1024 });
export const ResourceArnSchema = Type.String({ minLength: 1, maxLength: 1283 });
export const RegionNameSchema = Type.String();
