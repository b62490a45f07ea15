// Custom resources: everything is generic (schema, status subresource, generation); only the naming rule and
// the "answer deletes with the object" behaviour are specific.
import type { Strategy } from '../strategy.js';

export const customResourceStrategy: Strategy = {
  tracksGeneration: true,
  nameRule: 'subdomain',
  fieldLabels: [],
  returnDeletedObject: true,
};
