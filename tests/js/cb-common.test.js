// Unit tests of src/convblocks/book/cb-common.js on node's test runner, with a minimal DOM.
const test = require('node:test');
const assert = require('node:assert/strict');

class FakeNode {
  constructor(tag) {
    this.tag = tag;
    this.attributes = {};
    this.children = [];
  }
  setAttribute(name, value) {
    this.attributes[name] = value;
  }
  append(...nodes) {
    this.children.push(...nodes);
  }
}

globalThis.document = {
  documentElement: { lang: 'en' },
  createElement: (tag) => new FakeNode(tag),
};
require('../../src/convblocks/book/cb-common.js');
const { pageLanguage, strings, fill, element } = globalThis.cbCommon;

function onPage(lang, check) {
  globalThis.document.documentElement.lang = lang;
  try {
    check();
  } finally {
    globalThis.document.documentElement.lang = 'en';
  }
}

test('the language comes from <html lang>', () => {
  for (const [lang, want] of [
    ['zh-CN', 'zh'],
    ['zh', 'zh'],
    ['ZH-cn', 'zh'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['', 'en'],
  ]) {
    onPage(lang, () => assert.equal(pageLanguage(), want, `lang="${lang}"`));
  }
});

test('strings picks the page language and falls back to English', () => {
  const table = { en: { check: 'Check' }, zh: { check: '检查' } };
  assert.equal(strings(table).check, 'Check');
  onPage('zh-CN', () => assert.equal(strings(table).check, '检查'));
  onPage('zh-CN', () => assert.equal(strings({ en: 'only English' }), 'only English'));
});

test('fill puts values in by name, with an English plural after a bar', () => {
  assert.equal(fill('{n} of {m}', { n: 1, m: 'two' }), '1 of two');
  assert.equal(
    fill('{n|state}; {m|state}; {z|state}', { n: 1, m: 2, z: 0 }),
    '1 state; 2 states; 0 states',
  );
  assert.equal(fill('{a}{a}', { a: 'x' }), 'xx');
  assert.equal(fill('no placeholder', {}), 'no placeholder');
});

test('element sets attributes: true is empty, false, null and undefined are left out', () => {
  const node = element('input', {
    class: 'cb-box',
    'aria-valuemin': 0,
    required: true,
    hidden: false,
    title: null,
    id: undefined,
  });
  assert.equal(node.tag, 'input');
  assert.deepEqual(node.attributes, { class: 'cb-box', 'aria-valuemin': '0', required: '' });
});

test('element appends nodes and text in order; one child needs no list', () => {
  const inner = element('b', {}, 'bold');
  const node = element('p', { class: 'note' }, ['before ', inner, 3, null, undefined]);
  assert.deepEqual(node.children, ['before ', inner, '3']);
  assert.deepEqual(inner.children, ['bold']);
  assert.deepEqual(element('hr').children, []);
  assert.deepEqual(element('hr', null, null).attributes, {});
});

test('loading the module twice keeps the first one', () => {
  const first = globalThis.cbCommon;
  delete require.cache[require.resolve('../../src/convblocks/book/cb-common.js')];
  require('../../src/convblocks/book/cb-common.js');
  assert.equal(globalThis.cbCommon, first);
  assert.ok(Object.isFrozen(first));
});
