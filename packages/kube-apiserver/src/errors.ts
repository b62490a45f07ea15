import type { KubeStatus } from './api.js';
/** A failed API call, carrying the Status object the HTTP layer sends as is. */
export class StatusError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
    this.name = 'StatusError';
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string {
    return this.status.reason;
  }
}
