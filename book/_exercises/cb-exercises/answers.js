/* Answer boxes of the end-of-chapter exercises (src/convblocks/chapter_exercises/answer_box.py).
   The reader's number is normalized, hashed with SHA-256 as "salt:number" and compared with
   the hashes in the box: the right answer, or a typical wrong one with its own message. */
(() => {
  if (window.cbAnswerBoxes) return;
  window.cbAnswerBoxes = true;
  const zh = document.documentElement.lang.startsWith('zh');
  const TEXT = {
    en: {
      label: 'Your answer',
      check: 'Check',
      right: 'Correct: {n} is right.',
      wrong: 'Not yet: {n} is not it. ',
      empty: 'Type a number first.',
      notNumber: 'Give a whole number, e.g. 1234 or 1,234.',
      noCrypto:
        'This browser cannot check answers here: it needs a secure page ' +
        '(https or a local file).',
    },
    zh: {
      label: '你的答案',
      check: '检查',
      right: '正确：{n} 是对的。',
      wrong: '还不对：{n} 不是答案。',
      empty: '请先输入一个数。',
      notNumber: '请输入一个整数，例如 1234 或 1,234。',
      noCrypto: '此浏览器无法在这里检查答案（需要安全页面：https 或本地文件）。',
    },
  }[zh ? 'zh' : 'en'];
  const pick = (pair) => pair[zh ? 1 : 0];

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
    if (!raw.trim()) return ['todo', TEXT.empty];
    const n = normalize(raw);
    if (n === null) return ['fail', TEXT.notNumber];
    if (!(window.crypto && crypto.subtle)) return ['fail', TEXT.noCrypto];
    const hash = await sha256(`${data.salt}:${n}`);
    const shown = grouped(n);
    if (hash === data.right) return ['pass', TEXT.right.replace('{n}', shown)];
    const why = data.wrong[hash] || data.generic;
    return ['fail', TEXT.wrong.replace('{n}', shown) + pick(why)];
  }

  function setUp(form) {
    const data = JSON.parse(form.dataset.answer);
    const input = form.querySelector('input');
    const out = form.querySelector('.cb-answer-verdict');
    form.querySelector('label').textContent = TEXT.label;
    form.querySelector('button').textContent = TEXT.check;
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
