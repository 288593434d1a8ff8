// What every script of the book shares: the page's language, picking and filling strings,
// making elements.
// Sets globalThis.cbCommon once, in any way it is loaded: a classic <script> before the page
// scripts that use it (answers.js, attempt.js), or its text put in front of an anywidget
// module (explorer.js; convblocks.book.browser.common_js()), or require() in node's tests.
globalThis.cbCommon ??= (() => {
  /** 'zh' on a Chinese page (<html lang="zh-CN">), else 'en'. */
  function pageLanguage() {
    const lang = globalThis.document?.documentElement?.lang || '';
    return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  /** The page language's entry of a table {en: ..., zh: ...} (English when zh is missing). */
  function strings(table) {
    return table[pageLanguage()] ?? table.en;
  }

  /**
   * A template filled by name: fill('{n} of {m}', {n: 1, m: 2}) is '1 of 2', and
   * '{n|state}' gives '1 state' or '2 states' (the tables' syntax; explorer/strings.py fill()).
   */
  function fill(template, values) {
    return template.replace(/\{(\w+)(?:\|(\w+))?\}/g, (_, key, noun) => {
      const value = values[key];
      if (!noun) return String(value);
      return `${value} ${noun}${value === 1 ? '' : 's'}`;
    });
  }

  /**
   * A new element: element('p', {class: 'note', hidden: true}, ['text', child]).
   * Attributes false, null or undefined are left out and true is an empty attribute; children
   * are nodes or text (a single child need not be in a list; null and undefined are skipped).
   */
  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of [].concat(children ?? [])) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'object' ? child : String(child));
    }
    return node;
  }

  return Object.freeze({ pageLanguage, strings, fill, element });
})();
