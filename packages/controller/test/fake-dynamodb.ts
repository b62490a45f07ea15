// A recording DynamoDBClient fake: answers from a script and remembers every call, for unit tests of the update rules.
import { DynamoDBCallError, type DynamoDBClient } from '../src/aws/client.js';

export interface RecordedCall {
  operation: string;
  input: Record<string, any>;
}

export function fakeDynamoDB(answer: (operation: string, input: Record<string, any>) => unknown = () => ({})) {
  const calls: RecordedCall[] = [];
  const client: DynamoDBClient = {
    async call(operation, input) {
      calls.push({ operation, input: structuredClone(input) });
      const out = answer(operation, input);
      if (out instanceof DynamoDBCallError) throw out;
      return out as any;
    },
  };
  return { client, calls };
}
