import type { Store } from './store.js';
import type { Catalog } from './catalog.js';
export function createCatalog(store: Store, now: () => number): Catalog { throw new Error('not implemented: createCatalog'); }
