// DynamoDB's PartiQL dialect, compiled to the JSON API requests the engine already serves (see planner.ts).
export type * from './ast.js';
export { compileStatement, planFor } from './cache.js';
export type { Plan, TableShape, KeyBinding, Projection } from './planner.js';
export { bindValue, bindMap } from './values.js';
export { MESSAGES, NOT_WELL_FORMED, duplicateItem, keyAbsent, keyTypeMismatch } from './errors.js';
export { checkParameters, isParameterError } from './parameters.js';
