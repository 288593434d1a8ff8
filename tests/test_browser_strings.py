"""The browser scripts' texts come from Python tables, one per language: each table has the
same keys and placeholders in English and Chinese, and every key a script reads is in it."""
import re
from pathlib import Path

import pytest

from convblocks.exercises.amoeba import form_strings
from convblocks.exercises.chapters import answer_box
from convblocks.explorer import strings as explorer_strings

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / 'book' / '_exercises' / 'cb-exercises'
PLACEHOLDER = re.compile(r'\{(\w+)(?:\|\w+)?\}')
# In English the explorer shows Python's own error sentence, which the Chinese entries reword.
OWN_WORDING = {('explorer', 'error'), ('explorer', 'error_formula')}
# Word lists only the Chinese page needs (the English titles and knob names are the words
# themselves), empty in English: the box titles' operations and a block's own knob names.
CHINESE_ONLY = {('explorer', 'ops'), ('explorer', 'per_block')}

# (table, script, how the script names the table's entries)
TABLES = {
    'amoeba form': (form_strings.STRINGS, EXERCISES / 'attempt.js',
                    [r'\bt\.(\w+)', r"counted\(t, '(\w+)'", r'^\s+(swapped_\w+): \(op']),
    'answer box': (answer_box.STRINGS, EXERCISES / 'answers.js', [r'\btext\.(\w+)\b(?!\()']),
    'explorer': (explorer_strings.STRINGS, ROOT / 'src/convblocks/explorer/explorer.js',
                 [r'\bS\.(\w+)']),
}


def placeholders(text):
    if isinstance(text, dict):
        return {key: placeholders(value) for key, value in text.items()}
    return sorted(set(PLACEHOLDER.findall(text)))


@pytest.mark.parametrize('name', TABLES)
def test_english_and_chinese_have_the_same_entries_and_placeholders(name):
    table = TABLES[name][0]
    assert set(table) == {'en', 'zh'}
    assert table['en'].keys() == table['zh'].keys()
    differ = [key for key in table['en'] if (name, key) not in OWN_WORDING | CHINESE_ONLY
              and placeholders(table['en'][key]) != placeholders(table['zh'][key])]
    assert not differ, f'{name}: placeholders differ in {differ}'


@pytest.mark.parametrize('name', TABLES)
def test_every_entry_a_script_reads_is_in_its_table(name):
    table, script, patterns = TABLES[name]
    text = script.read_text()
    used = {key for pattern in patterns for key in re.findall(pattern, text, re.MULTILINE)}
    assert len(used) >= 5, used   # the patterns still find the script's reads
    missing = used - table['en'].keys()
    assert not missing, f'{script.name} reads {sorted(missing)}, which {name} does not have'


def test_no_script_keeps_a_table_of_its_own():
    """The language is cbCommon's; no script picks 'zh' or holds Chinese text itself."""
    scripts = [ROOT / 'src/convblocks/explorer/explorer.js', EXERCISES / 'answers.js',
               EXERCISES / 'attempt.js']
    for script in scripts:
        text = script.read_text()
        assert 'documentElement.lang' not in text, script.name
        assert not re.search(r'[\u4e00-\u9fff]', text), script.name
        assert 'globalThis.cbCommon' in text, script.name
