// Tokens of DynamoDB's expression language. Anything the grammar has no token for becomes a one-character
// 'invalid' token, so the parser reports it as DynamoDB does: Syntax error; token: "-", near: "a-b".

export type TokenType =
  | 'name' // attribute name or keyword or function name: [A-Za-z_][A-Za-z0-9_]*
  | 'attrName' // #placeholder
  | 'attrValue' // :placeholder
  | 'number' // list index digits
  | 'punct' // ( ) [ ] , . = <> < <= > >= + -
  | 'invalid'
  | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let type: TokenType;
    if (isNameStart(c)) {
      while (i < n && isNamePart(src.charCodeAt(i))) i++;
      type = 'name';
    } else if (isDigit(c)) {
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      type = 'number';
    } else if ((c === 35 || c === 58) && i + 1 < n && isNamePart(src.charCodeAt(i + 1))) {
      i++;
      while (i < n && isNamePart(src.charCodeAt(i))) i++;
      type = c === 35 ? 'attrName' : 'attrValue';
    } else if (c === 60 && (src.charCodeAt(i + 1) === 62 || src.charCodeAt(i + 1) === 61)) {
      i += 2; // <> <=
      type = 'punct';
    } else if (c === 62 && src.charCodeAt(i + 1) === 61) {
      i += 2; // >=
      type = 'punct';
    } else if ('()[],.=<>+-'.includes(src[i]!)) {
      i++;
      type = 'punct';
    } else {
      // One code point, so an astral character is reported whole.
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      type = 'invalid';
    }
    tokens.push({ type, text: src.slice(start, i), start, end: i });
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: n, end: n });
  return tokens;
}
