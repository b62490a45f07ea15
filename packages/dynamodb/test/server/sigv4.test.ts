// Who is calling, from the SigV4 Authorization header (not verified), with DynamoDB's front-end errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDynamoDBError } from '../../src/errors.js';
import { parseAuthorization } from '../../src/server/sigv4.js';
import { nextRequestId } from '../../src/server/request-id.js';

const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-central-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

function error(run: () => unknown) {
  try {
    run();
  } catch (e) {
    if (isDynamoDBError(e)) return { type: e.type, message: e.message };
  }
  throw new Error('expected a DynamoDBError');
}

test('access key id and region come from the credential scope', () => {
  assert.equal(parseAuthorization(AUTH, '20240101T000000Z'), { accessKeyId: 'AKIDEXAMPLE', region: 'eu-central-1' });
});

test('a missing or non-SigV4 header is a missing token', () => {
  for (const header of [undefined, '', 'Bearer x']) {
    assert.equal(
      error(() => parseAuthorization(header, 'd')),
      {
        type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      },
    );
  }
});

test('an incomplete signature names what is missing', () => {
  const header = 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e';
  assert.equal(
    error(() => parseAuthorization(header, undefined)),
    {
      type: 'com.amazon.coral.service#IncompleteSignatureException',
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" +
        header,
    },
  );
  assert.equal(
    error(() => parseAuthorization('AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=x', 'd')),
    {
      type: 'com.amazon.coral.service#IncompleteSignatureException',
      message:
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'",
    },
  );
});

test('request ids look like DynamoDB ones and do not repeat', () => {
  const a = nextRequestId();
  const b = nextRequestId();
  assert.match(a, /^[A-Z0-9]{52}$/);
  assert.is.not(a, b);
});

test.run();
