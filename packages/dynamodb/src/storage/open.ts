import type { Store, StoreOptions } from './store.js';
export function openStore(options: StoreOptions): Store { throw new Error('not implemented: openStore'); }
