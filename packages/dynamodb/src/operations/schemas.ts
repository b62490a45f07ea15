// Request member schemas every operation family shares (constraints as in DynamoDB's API model; the validator turns
// them into "1 validation error detected: ..." messages, printing the pattern as AWS does: [a-zA-Z0-9_.-]+, the
// form recorded in dynalite's tests against DynamoDB).
import { Type } from 'typebox';

export const NAME_PATTERN = '[a-zA-Z0-9_.-]+';

/** A table name proper (not an ARN). */
export const PlainTableNameSchema = Type.String({ minLength: 3, maxLength: 255, pattern: NAME_PATTERN });
export const IndexNameSchema = Type.String({ minLength: 3, maxLength: 255, pattern: NAME_PATTERN });
