import { Type } from 'typebox';
import { validation } from '../../../errors.js';
import { defineOperation } from '../../../operations/types.js';
import { lookupTable, tableNotFoundResource } from '../../../operations/table-lookup.js';
import { TableNameSchema } from '../../../operations/features/support/schemas.js';

export const describeTimeToLive = defineOperation({
  name: 'DescribeTimeToLive',
  input: Type.Object({ TableName: TableNameSchema }),
  handle(input, ctx) {
    const table = lookupTable(ctx, input.TableName);
    if (!table) throw tableNotFoundResource(input.TableName);
    if (table.TableStatus === 'CREATING' || table.TableStatus === 'DELETING') {
      throw validation(
        `Cannot describe time to live while table is in ${table.TableStatus} state: Current table state is ${table.TableStatus}`,
      );
    }
    // Always an object (the ACK controller dereferences it); no AttributeName once disabled, as DynamoDB.
    const ttl = table.TimeToLive;
    return {
      TimeToLiveDescription: ttl?.Enabled
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.AttributeName }
        : { TimeToLiveStatus: 'DISABLED' },
    };
  },
});
