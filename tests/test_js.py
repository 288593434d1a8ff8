"""The JavaScript unit tests (tests/js, node's built-in test runner) as one pytest test."""
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_node_unit_tests_pass():
    node = shutil.which('node')
    assert node, 'the JavaScript tests need Node.js (scripts/system-deps.sh installs it)'
    result = subprocess.run([node, '--test', 'tests/js/'], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert '# fail 0' in result.stdout and '# pass 0' not in result.stdout
