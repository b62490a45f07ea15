import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchesFields, parseFieldSelector } from '../src/selectors/field-selector.js';
import { matchesLabels, parseLabelSelector } from '../src/selectors/label-selector.js';
import { StatusError } from '../src/errors.js';

const m = (selector: string, labels: Record<string, string>) => matchesLabels(parseLabelSelector(selector), labels);

test('label selector operators: =, ==, !=, in, notin, exists, !exists', () => {
  const labels = { app: 'web', tier: 'front' };
  assert.ok(m('app=web', labels));
  assert.ok(m('app==web', labels));
  assert.not.ok(m('app!=web', labels));
  assert.ok(m('app!=db', labels));
  assert.ok(m('missing!=x', labels), '!= matches objects without the label');
  assert.ok(m('tier in (front, back)', labels));
  assert.not.ok(m('tier notin (front)', labels));
  assert.ok(m('missing notin (x)', labels));
  assert.ok(m('app', labels));
  assert.not.ok(m('!app', labels));
  assert.ok(m('!missing', labels));
  assert.ok(m('app=web,tier in (front)', labels));
  assert.not.ok(m('app=web,tier=back', labels));
  assert.ok(m('', labels));
});

test('bad label selectors are 400 BadRequest', () => {
  for (const bad of ['a b c', 'app=(x', 'Bad Key=1']) {
    try {
      parseLabelSelector(bad);
      assert.unreachable(`accepted ${bad}`);
    } catch (e) {
      assert.instance(e, StatusError);
      assert.is((e as StatusError).code, 400);
    }
  }
});

test('field selectors: =, ==, != over computed fields', () => {
  const fields = { 'involvedObject.name': 'items', 'involvedObject.kind': 'Table', 'metadata.namespace': 'carts' };
  assert.ok(matchesFields(parseFieldSelector('involvedObject.name=items,involvedObject.kind==Table'), fields));
  assert.not.ok(matchesFields(parseFieldSelector('involvedObject.name!=items'), fields));
  assert.ok(matchesFields(parseFieldSelector('involvedObject.uid='), fields), 'an absent field is the empty string');
});

test.run();
