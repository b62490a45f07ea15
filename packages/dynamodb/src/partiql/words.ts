// The parser's vocabulary: which bare words are keywords, operators, clauses DynamoDB refuses, and type names.
import type { Token } from './lexer.js';

/** Words that end an expression or start a clause; where a term should start they are "Unexpected keyword". */
export const KEYWORDS = new Set(
  'SELECT FROM WHERE ORDER BY ASC DESC AND OR NOT SET REMOVE VALUE VALUES INTO INSERT UPDATE DELETE RETURNING AS LIMIT GROUP HAVING OFFSET JOIN UNION ON'.split(
    ' ',
  ),
);
/** Operators that cannot start a term ("Unexpected operator"). */
export const OPERATORS = new Set(['IS', 'LIKE', 'IN', 'BETWEEN']);
export const UNSUPPORTED_CLAUSES = new Set(['LIMIT', 'GROUP', 'HAVING', 'OFFSET']);
export const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

/** PartiQL's type names (the partiql-lang grammar); AWS's recordings cover INT4, INT8, DOUBLE PRECISION and
 *  CHARACTER VARYING, the rest follow the same grammar rule. */
export const TYPE_NAMES = new Set(
  'NULL MISSING BOOL BOOLEAN SMALLINT INT2 INTEGER2 INT INTEGER INT4 INTEGER4 INT8 INTEGER8 BIGINT REAL FLOAT DECIMAL NUMERIC TIMESTAMP CHAR CHARACTER VARCHAR STRING SYMBOL BLOB CLOB STRUCT TUPLE LIST SEXP BAG ANY'.split(
    ' ',
  ),
);
export const TWO_WORD_TYPES = new Map([
  ['DOUBLE', 'PRECISION'],
  ['CHARACTER', 'VARYING'],
]);

export const isWordLiteral = (t: Token) => ['TRUE', 'FALSE', 'NULL', 'MISSING'].includes(t.upper);

export const INVALID_IN =
  'IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member';
