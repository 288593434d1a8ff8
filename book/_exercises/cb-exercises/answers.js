/* Answer boxes of the end-of-chapter exercises (src/convblocks/exercises/chapters/answer_box.py).
   The reader's number is normalized, hashed with SHA-256 as "salt:number" and compared with
   the hashes in the box: the right answer, or a typical wrong one with its own message.
   Every text comes from the box's data, in English and Chinese (answer_box.STRINGS). */
(() => {
  if (window.cbAnswerBoxes) return;
  window.cbAnswerBoxes = true;
  const { strings, fill } = globalThis.cbCommon; // cb-common.js, loaded before this script

  // The same spellings as numeric.normalize in Python: separators dropped, full-width digits
  // read as digits, at most 30 digits.
  function normalize(raw) {
    const text = raw
      .replace(/[\s,_'\u2019\u00a0\u202f\u3000\uff0c]/g, '')
      .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
    return /^[0-9]{1,30}$/.test(text) ? text.replace(/^0+(?=\d)/, '') : null;
  }

  async function sha256(text) {
    const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  const grouped = (n) => n.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

  async function verdict(data, raw) {
    const text = strings(data.strings);
    if (!raw.trim()) return ['todo', text.empty];
    const n = normalize(raw);
    if (n === null) return ['fail', text.not_number];
    if (!(window.crypto && crypto.subtle)) return ['fail', text.no_crypto];
    const hash = await sha256(`${data.salt}:${n}`);
    const shown = grouped(n);
    if (hash === data.right) return ['pass', fill(text.right, { n: shown })];
    const why = data.wrong[hash] || data.generic;
    return ['fail', fill(text.wrong, { n: shown }) + strings(why)];
  }

  function setUp(form) {
    const data = JSON.parse(form.dataset.answer);
    const input = form.querySelector('input');
    const out = form.querySelector('.cb-answer-verdict');
    const text = strings(data.strings);
    form.querySelector('label').textContent = text.label;
    form.querySelector('button').textContent = text.check;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const [status, message] = await verdict(data, input.value);
      out.textContent = message;
      out.dataset.status = status;
      input.setAttribute('aria-invalid', status === 'fail' ? 'true' : 'false');
    });
  }

  document.querySelectorAll('form.cb-answer').forEach(setUp);
})();
