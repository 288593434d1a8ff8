/* The "why" questions of the block chapters (src/convblocks/exercises/chapters/why_form.py).
   The form holds the question in both languages; this script keeps the page's language
   (cbCommon, loaded before it) and removes the other. On Check, it unscrambles the chosen statement's record (XOR with the
   xorshift32 stream seeded by FNV-1a of "salt:letter", as why_form.py wrote it) and shows its
   verdict and explanation. Every text comes from the page's data (why_questions.UI). */
(() => {
  if (window.cbWhyForms) return;
  window.cbWhyForms = true;
  const lang = globalThis.cbCommon.pageLanguage();

  function seed(text) {
    let value = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
      value = Math.imul(value ^ byte, 0x01000193) >>> 0;
    }
    return value || 1;
  }

  function unscramble(key, blob) {
    const data = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0));
    let state = seed(key);
    for (let i = 0; i < data.length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      data[i] ^= state & 0xff;
    }
    return JSON.parse(new TextDecoder().decode(data));
  }

  function setUp(form) {
    const data = JSON.parse(form.dataset.why);
    const text = data.ui[lang];
    const out = form.querySelector('.cb-why-verdict');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = form.querySelector('input[type="radio"]:checked');
      if (!chosen) {
        out.textContent = text.choose;
        out.dataset.status = 'todo';
        return;
      }
      const letter = chosen.value;
      const [right, en, zhText] = unscramble(`${data.salt}:${letter}`, data.options[letter]);
      const verdict = document.createElement('strong');
      verdict.textContent = text[right ? 'right' : 'wrong'].replace('{letter}', letter);
      out.replaceChildren(verdict, ' ', lang === 'zh' ? zhText : en);
      out.dataset.status = right ? 'pass' : 'fail';
      form.querySelectorAll('.cb-why-option').forEach((o) => o.removeAttribute('data-status'));
      chosen.closest('.cb-why-option').dataset.status = right ? 'pass' : 'fail';
    });
  }

  const other = `[lang]:not([lang^="${lang}"])`;
  document
    .querySelectorAll(`form.cb-why ${other}, .cb-why-observe ${other}`)
    .forEach((e) => e.remove());
  document.querySelectorAll('form.cb-why').forEach(setUp);
})();
