// Request member schemas shared by the feature operations (constraints as in DynamoDB's API model; the
// validator turns them into "1 validation error detected: ..." messages).
import { Type } from 'typebox';

/** A table name or ARN (DynamoDB's model allows either, 3..1024). */
export const TableNameSchema = Type.String({ minLength: 3, maxLength: 1024 });
export const IndexNameSchema = Type.String({ minLength: 3, maxLength: 255, pattern: '^[a-zA-Z0-9_.-]+$' });
export const BackupArnSchema = Type.String({ minLength: 37, maxLength: 1024 });
export const ResourceArnSchema = Type.String({ minLength: 1, maxLength: 1283 });
export const RegionNameSchema = Type.String();
export const PlainTableNameSchema = Type.String({ minLength: 3, maxLength: 255, pattern: '^[a-zA-Z0-9_.-]+$' });
