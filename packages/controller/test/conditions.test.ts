// ACK's condition set per reconcile outcome, with its exact texts (reference §2 step 5 and error mapping).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderConditions } from '../src/runtime/conditions.js';
import { RequeueAfter, TerminalError, describeError, isTerminal } from '../src/runtime/errors.js';
import { DynamoDBCallError } from '../src/aws/client.js';

const NOW = '2026-01-01T00:00:00Z';
const strip = (cs: ReturnType<typeof renderConditions>) => cs.map(({ lastTransitionTime: _t, ...c }) => c);

test('synced: ResourceSynced True with empty reason, Ready a copy of it, nothing else', () => {
  assert.equal(strip(renderConditions({ synced: true }, undefined, NOW)), [
    { type: 'ACK.ResourceSynced', status: 'True', message: 'Resource synced successfully', reason: '' },
    { type: 'Ready', status: 'True', message: 'Resource synced successfully', reason: '' },
  ]);
});

test('terminal: ACK.Terminal with the error text, Synced False "resource is in terminal condition", Ready reason ACK.Terminal', () => {
  const message = 'api error ValidationException: One or more parameter values were invalid: x';
  assert.equal(strip(renderConditions({ terminal: message }, undefined, NOW)), [
    { type: 'ACK.Terminal', status: 'True', message },
    {
      type: 'ACK.ResourceSynced',
      status: 'False',
      message: 'Resource not synced',
      reason: 'resource is in terminal condition',
    },
    { type: 'Ready', status: 'False', message, reason: 'ACK.Terminal' },
  ]);
});

test('recoverable (error or requeue reason): ACK.Recoverable, Synced Unknown with the reason, Ready False ACK.Recoverable', () => {
  const message = "table in 'CREATING' state, cannot be modified or deleted";
  assert.equal(strip(renderConditions({ recoverable: message }, undefined, NOW)), [
    { type: 'ACK.Recoverable', status: 'True', message },
    {
      type: 'ACK.ResourceSynced',
      status: 'Unknown',
      message: 'Unable to determine if desired resource state matches latest observed state',
      reason: message,
    },
    { type: 'Ready', status: 'False', message, reason: 'ACK.Recoverable' },
  ]);
});

test('not synced without error: Synced False "Resource not synced"', () => {
  const [synced] = strip(renderConditions({ synced: false }, undefined, NOW));
  assert.equal(synced, { type: 'ACK.ResourceSynced', status: 'False', message: 'Resource not synced', reason: '' });
});

test('lastTransitionTime changes only when the status flips', () => {
  const first = renderConditions({ synced: true }, undefined, '2026-01-01T00:00:00Z');
  const again = renderConditions({ synced: true }, first, '2026-01-01T01:00:00Z');
  assert.equal(again[0]!.lastTransitionTime, '2026-01-01T00:00:00Z');
  const flipped = renderConditions({ recoverable: 'x' }, again, '2026-01-01T02:00:00Z');
  assert.equal(flipped.find((c) => c.type === 'ACK.ResourceSynced')!.lastTransitionTime, '2026-01-01T02:00:00Z');
});

test('ACK.ReferencesResolved appears only for resources with references', () => {
  assert.equal(
    renderConditions({ synced: true }, undefined, NOW).some((c) => c.type === 'ACK.ReferencesResolved'),
    false,
  );
  const ok = renderConditions({ synced: true, referencesResolved: { status: 'True' } }, undefined, NOW);
  assert.equal(strip(ok)[0], { type: 'ACK.ReferencesResolved', status: 'True' });
  const failed = renderConditions(
    { recoverable: 'x', referencesResolved: { status: 'False', reason: 'resource reference not found: Key a/b' } },
    undefined,
    NOW,
  );
  assert.equal(strip(failed)[0], {
    type: 'ACK.ReferencesResolved',
    status: 'False',
    message: 'Reference resolution failed',
    reason: 'resource reference not found: Key a/b',
  });
});

test('error classification: ValidationException and TerminalError are terminal, the rest recoverable', () => {
  assert.ok(isTerminal(new DynamoDBCallError('ValidationException', 'bad')));
  assert.ok(isTerminal(new TerminalError('x')));
  assert.not.ok(isTerminal(new DynamoDBCallError('ResourceInUseException', 'Table already exists: x')));
  assert.not.ok(isTerminal(new RequeueAfter(10)));
  assert.not.ok(isTerminal(new Error('socket hang up')));
  assert.equal(
    describeError(new DynamoDBCallError('ValidationException', 'bad')),
    'api error ValidationException: bad',
  );
});

test.run();
