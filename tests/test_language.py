"""The package's language setting."""
import pytest

from convblocks import language


def test_english_is_the_default_and_use_switches():
    assert language.current() == 'en'
    assert language.pick(en='hint', zh='提示') == 'hint'
    with language.using('zh'):
        assert language.pick(en='hint', zh='提示') == '提示'
    assert language.current() == 'en'


def test_using_restores_after_an_error():
    with pytest.raises(KeyError), language.using('zh'):
        raise KeyError
    assert language.current() == 'en'


def test_use_sets_until_changed():
    language.use('zh')
    try:
        assert language.current() == 'zh'
    finally:
        language.use('en')
    assert language.current() == 'en'


@pytest.mark.parametrize('wrong', ['fr', 'ZH', None, 3])
def test_an_unknown_language_gets_one_sentence(wrong):
    with pytest.raises(language.LanguageError, match="writes in 'en' or 'zh', not"):
        language.use(wrong)
    assert language.current() == 'en'
