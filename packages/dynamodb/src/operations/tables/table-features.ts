// Stream, encryption and table-class rules shared by CreateTable and UpdateTable.
import { createHash } from 'node:crypto';
import { validation } from '../../errors.js';
import type { TableMeta } from '../../storage/types.js';
import type { RequestContext } from '../types.js';
import { invalid } from './keys.js';

export const TABLE_CLASSES = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'] as const;

export function checkTableClass(tableClass: string) {
  if (!(TABLE_CLASSES as readonly string[]).includes(tableClass)) {
    throw validation(
      `Invalid table-class parameter provided. Please try again with a valid table-class value: [${TABLE_CLASSES.join(', ')}].`,
    );
  }
}

export interface SseRequest {
  Enabled?: boolean;
  SSEType?: string;
  KMSMasterKeyId?: string;
}

export function checkSseSpecification(sse: SseRequest) {
  if (!sse.Enabled) {
    if (sse.SSEType !== undefined) throw invalid('SSEType can not be specified if Enabled is false');
    if (sse.KMSMasterKeyId !== undefined) throw invalid('KMSMasterKeyId can not be specified if Enabled is false');
    return;
  }
  if (sse.SSEType === 'AES256') throw invalid('SSEType AES256 is not supported');
  if (sse.KMSMasterKeyId !== undefined && sse.SSEType !== undefined && sse.SSEType !== 'KMS') {
    throw invalid('SSEType KMS is required if KMSMasterKeyId is specified');
  }
}

/** Enabled=true means KMS (AWS managed key unless one is named); Enabled=false is the default encryption: absent. */
export function sseDescription(sse: SseRequest, ctx: RequestContext): TableMeta['SSEDescription'] | undefined {
  if (!sse.Enabled) return undefined;
  return { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: kmsKeyArn(sse.KMSMasterKeyId, ctx) };
}

function kmsKeyArn(keyId: string | undefined, ctx: RequestContext): string {
  if (keyId?.startsWith('arn:')) return keyId;
  if (keyId?.startsWith('alias/')) return `arn:aws:kms:${ctx.region}:${ctx.accountId}:${keyId}`;
  if (keyId) return `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${keyId}`;
  // The AWS managed key (alias/aws/dynamodb): one stable key per account and region.
  const hex = createHash('sha256').update(`${ctx.accountId}:${ctx.region}:aws/dynamodb`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${uuid}`;
}

/** A stream label is the ISO-8601 time the stream was enabled, without the zone ("2024-01-31T12:34:56.789"). */
export const streamLabel = (epochMs: number) => new Date(epochMs).toISOString().replace('Z', '');
