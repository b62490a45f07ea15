// ARNs of the resources this group addresses. Table ARNs are what DescribeTable returns:
// arn:<partition>:dynamodb:<region>:<account>:table/<name>[/index/<i> | /stream/<label> | /backup/<id>].

export interface ParsedDynamoDBArn {
  partition: string;
  region: string;
  accountId: string;
  tableName: string;
  /** What follows the table name ('' for the table itself), e.g. 'index/gsi' or 'backup/123-abcd1234'. */
  subresource: string;
}

const ARN_SHAPE = /^arn:(aws[a-z-]*):dynamodb:([a-z0-9-]*):(\d*):table\/([^/]+)(?:\/(.*))?$/;

/** Splits a DynamoDB table (or table sub-resource) ARN; undefined when it is not one. */
export function parseDynamoDBArn(arn: string): ParsedDynamoDBArn | undefined {
  const m = ARN_SHAPE.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, region: m[2]!, accountId: m[3]!, tableName: m[4]!, subresource: m[5] ?? '' };
}

export const isDynamoDBServiceArn = (arn: string): boolean => /^arn:[^:]*:dynamodb:/.test(arn);

export const globalTableArn = (accountId: string, name: string) =>
  `arn:aws:dynamodb::${accountId}:global-table/${name}`;
