// The TTL feature's operations.
import type { Operation } from '../../../operations/types.js';
import { describeTimeToLive } from './describe-time-to-live.js';
import { updateTimeToLive } from './update-time-to-live.js';

export const ttlOperations: Operation<any>[] = [updateTimeToLive, describeTimeToLive];
