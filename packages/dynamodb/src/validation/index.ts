// Request validation from TypeBox schemas with DynamoDB's exact messages. See compile.ts.
export { compileValidator, memberName, type Validator } from './compile.js';
export { renderValue, summary, notNull, constraint, rules, MAX_REPORTED_ERRORS } from './messages.js';
