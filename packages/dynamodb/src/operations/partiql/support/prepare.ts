// A statement ready to run: parsed (cached by text), its table and index found, its plan (cached per table).
import { validation } from '../../../errors.js';
import type { AttributeValue } from '../../../model/index.js';
import {
  checkParameters,
  compileStatement,
  MESSAGES,
  planFor,
  type ParsedStatement,
  type Plan,
  type Source,
} from '../../../partiql/index.js';
import type { TableMeta } from '../../../storage/types.js';
import { activeTable } from '../../table-lookup.js';
import type { OperationContext } from '../../types.js';

export interface Prepared {
  text: string;
  parsed: ParsedStatement;
  table: TableMeta;
  index?: string;
  plan: Plan;
  params: AttributeValue[];
}

export function prepare(ctx: OperationContext, text: string, params: AttributeValue[] | undefined): Prepared {
  const parsed = compileStatement(text);
  const bound = params && checkParameters(params);
  const source = sourceOf(parsed);
  const table = activeTable(ctx, source.table);
  const index = source.index === undefined ? undefined : findIndex(table, source.index);
  // DynamoDB Local (ParameterMap): fewer values than `?` is refused; extra values are ignored.
  if ((bound?.length ?? 0) < parsed.parameterCount) throw validation(MESSAGES.parameterCount);
  const indexKey = index ? `${index.IndexName}:${index.key.hash.name}:${index.key.range?.name ?? ''}` : '';
  const plan = planFor(text, `${table.id}/${indexKey}`, {
    name: table.TableName,
    key: table.key,
    index: index && { name: index.IndexName, key: index.key, global: index.kind === 'GSI' },
  });
  return { text, parsed, table, index: source.index, plan, params: bound ?? [] };
}

export const sourceOf = (parsed: ParsedStatement): Source =>
  parsed.statement.kind === 'exists' ? parsed.statement.select.source : parsed.statement.source;

/** moto's AWS-verified test_execute_statement_on_unknown_gsi_table: no index name in the message. */
function findIndex(table: TableMeta, name: string) {
  const index =
    table.GlobalSecondaryIndexes.find((i) => i.IndexName === name) ??
    table.LocalSecondaryIndexes.find((i) => i.IndexName === name);
  if (!index || index.IndexStatus === 'DELETING') throw validation(MESSAGES.noSuchIndex);
  return index;
}
