// Request members of the PartiQL operations, as the API reference constrains them.
import { Type } from 'typebox';
import * as S from '../../items/common/schemas.js';

export const StatementSchema = Type.String({ minLength: 1, maxLength: 8192 });
export const ParametersSchema = Type.Array(S.AttributeValueSchema, { minItems: 1 });
export const NextTokenSchema = Type.String({ minLength: 1, maxLength: 32768 });
