// PartiQL tokens as DynamoDB reads them: double quotes name things (identifiers), single quotes are strings,
// `?` is a positional parameter, `<<` / `>>` bracket a set ("bag"). Keywords are bare identifiers compared
// case-insensitively by the parser.
import { malformed } from './errors.js';

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The identifier, string contents, number text or punctuation. */
  text: string;
  /** Upper-cased text of a bare identifier, for keyword matching. */
  upper: string;
  pos: number;
}

const PUNCTUATION = [
  '<<',
  '>>',
  '<>',
  '!=',
  '<=',
  '>=',
  '||',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  '*',
  '=',
  '<',
  '>',
  '+',
  '-',
  '/',
  '%',
  ':',
  ';',
];
const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, pos: number) =>
    tokens.push({ kind, text: value, upper: kind === 'ident' ? value.toUpperCase() : '', pos });
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++; // SQL line comment
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw malformed(''); // AWS: an unterminated block comment has nothing after the colon
      i = end + 2;
    } else if (c === "'" || c === '"') {
      const [value, next] = quoted(text, i, c);
      push(c === "'" ? 'string' : 'quoted', value, i);
      i = next;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(text[i + 1] ?? ''))) {
      const m = NUMBER.exec(text.slice(i))!;
      if (!decimalFits(m)) throw malformed(''); // AWS: a literal it cannot convert has nothing after the colon
      push('number', m[0], i);
      i += m[0].length;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j]!)) j++;
      push('ident', text.slice(i, j), i);
      i = j;
    } else if (c === '?') {
      push('param', '?', i++);
    } else {
      const p = PUNCTUATION.find((s) => text.startsWith(s, i));
      if (!p) throw malformed(''); // e.g. `#`: AWS answers the bare envelope
      push('punct', p, i);
      i += p.length;
    }
  }
  push('eof', '', text.length);
  return tokens;
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/** Whether a number literal converts to a decimal: its exponent, and its scale (the digits after the point less
 *  the exponent), must each fit a 32-bit integer (paritysuite tier3/error-messages/partiqlGrammar.test.ts:
 *  1e2147483648 and 1.5e-2147483647 are refused, eu-west-2, October 2026). Magnitude is checked later, with the
 *  number rules. */
function decimalFits(m: RegExpExecArray): boolean {
  if (!m[3]) return true;
  const exponent = Number(m[3].slice(1));
  const fraction = m[2] ? m[2].length - 1 : m[1]!.startsWith('.') ? m[1]!.length - 1 : 0;
  const scale = fraction - exponent;
  return exponent >= INT_MIN && exponent <= INT_MAX && scale >= INT_MIN && scale <= INT_MAX;
}

/** A quoted string or identifier; the quote doubled inside stands for itself. */
function quoted(text: string, start: number, quote: string): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    const end = text.indexOf(quote, i);
    if (end < 0) throw malformed('');
    value += text.slice(i, end);
    if (text[end + 1] === quote) {
      value += quote;
      i = end + 2;
    } else return [value, end + 1];
  }
}
