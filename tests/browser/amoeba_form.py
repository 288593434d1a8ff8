"""Browser tests' way to attempt the AmoebaNet form on a page: fill it in one go, then check."""

# (form, choices): sets every branch's operation and input and the concatenated states from
# choices ({'sums': {name: [[op, source], ...]}, 'concat': [...]}), or leaves the form as it is
# when choices is null, then presses the form's Check button.
ATTEMPT = '''(form, choices) => {
  if (choices) {
    for (const [name, branches] of Object.entries(choices.sums)) {
      branches.forEach(([op, source], i) => {
        const where = `[data-sum="${name}"][data-branch="${i + 1}"]`;
        form.querySelector(`select${where}[data-part="op"]`).value = op;
        form.querySelector(`select${where}[data-part="input"]`).value = source;
      });
    }
    for (const box of form.querySelectorAll('input[type=checkbox]')) {
      box.checked = choices.concat.includes(box.value);
    }
  }
  form.querySelector('.amoeba-attempt-check').click();
}'''
