// ACK's conditions and their exact texts (runtime pkg/condition, pkg/runtime/reconciler.go ensureConditions).
import type { Condition } from '../api/common.js';

export const SYNCED = 'ACK.ResourceSynced';
export const TERMINAL = 'ACK.Terminal';
export const RECOVERABLE = 'ACK.Recoverable';
export const READY = 'Ready';
export const REFERENCES_RESOLVED = 'ACK.ReferencesResolved';
export const ADOPTED = 'ACK.Adopted';

export const SYNCED_MESSAGE = 'Resource synced successfully';
export const NOT_SYNCED_MESSAGE = 'Resource not synced';
export const UNKNOWN_SYNC_MESSAGE = 'Unable to determine if desired resource state matches latest observed state';
export const TERMINAL_REASON = 'resource is in terminal condition';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** What one reconcile concluded, before it is rendered into conditions. */
export interface ReconcileOutcome {
  /** The resource's own verdict on sync (e.g. table ACTIVE and no delta), when the reconcile got that far. */
  synced?: boolean;
  /** Terminal problem: message shown in ACK.Terminal. */
  terminal?: string;
  /** Reason shown in ACK.Terminal (ACK leaves it empty except for "Resource already exists"). */
  terminalReason?: string;
  /** Recoverable problem (error or requeue reason): message shown in ACK.Recoverable. */
  recoverable?: string;
  /** Set only for resources that have references (e.g. a Table's sseSpecification.kmsMasterKeyRef). */
  referencesResolved?: { status: ConditionStatus; reason?: string };
}

export const REFERENCES_FAILED_MESSAGE = 'Reference resolution failed';

/**
 * Renders ACK's condition set for one reconcile. ACK clears all conditions at the start of each reconcile, so the
 * list describes only this outcome. lastTransitionTime is kept from `previous` when the status did not change, as
 * Kubernetes conventions ask, so `kubectl describe` shows when a condition really flipped.
 */
export function renderConditions(
  outcome: ReconcileOutcome,
  previous: Condition[] | undefined,
  now: string,
): Condition[] {
  const conditions: Condition[] = [];
  const refs = outcome.referencesResolved;
  if (refs) {
    conditions.push(
      refs.status === 'True'
        ? { type: REFERENCES_RESOLVED, status: 'True' }
        : {
            type: REFERENCES_RESOLVED,
            status: refs.status,
            message: REFERENCES_FAILED_MESSAGE,
            reason: refs.reason ?? '',
          },
    );
  }
  if (outcome.terminal !== undefined) {
    conditions.push({
      type: TERMINAL,
      status: 'True',
      message: outcome.terminal,
      ...(outcome.terminalReason ? { reason: outcome.terminalReason } : {}),
    });
  } else if (outcome.recoverable !== undefined)
    conditions.push({ type: RECOVERABLE, status: 'True', message: outcome.recoverable });

  let synced: Condition;
  if (outcome.terminal !== undefined) {
    synced = { type: SYNCED, status: 'False', message: NOT_SYNCED_MESSAGE, reason: TERMINAL_REASON };
  } else if (outcome.synced === true && outcome.recoverable === undefined) {
    synced = { type: SYNCED, status: 'True', message: SYNCED_MESSAGE, reason: '' };
  } else if (outcome.synced === false) {
    synced = { type: SYNCED, status: 'False', message: NOT_SYNCED_MESSAGE, reason: outcome.recoverable ?? '' };
  } else {
    synced = { type: SYNCED, status: 'Unknown', message: UNKNOWN_SYNC_MESSAGE, reason: outcome.recoverable ?? '' };
  }
  conditions.push(synced);

  let ready: Condition;
  if (outcome.terminal !== undefined)
    ready = { type: READY, status: 'False', message: outcome.terminal, reason: TERMINAL };
  else if (outcome.recoverable !== undefined)
    ready = { type: READY, status: 'False', message: outcome.recoverable, reason: RECOVERABLE };
  else ready = { ...synced, type: READY };
  conditions.push(ready);

  return conditions.map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    const lastTransitionTime =
      before && before.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : now;
    return { ...c, lastTransitionTime };
  });
}

export const conditionOf = (conditions: Condition[] | undefined, type: string) =>
  conditions?.find((c) => c.type === type);
