"""Import TensorFlow and Keras without the log lines they write to stderr.

TensorFlow's C++ runtime prints absl and oneDNN notices straight to file descriptor 2,
which `TF_CPP_MIN_LOG_LEVEL` does not fully silence. Importing this module first loads
TensorFlow and Keras with that descriptor pointed at /dev/null for the duration.
"""
import contextlib
import os
import sys

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
os.environ.setdefault('TF_ENABLE_ONEDNN_OPTS', '0')
os.environ.setdefault('KERAS_BACKEND', 'tensorflow')


@contextlib.contextmanager
def stderr_silenced():
    """Point file descriptor 2 at /dev/null inside the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


with stderr_silenced():
    import tensorflow as tf
    import keras  # noqa: F401

    tf.get_logger().setLevel('ERROR')
    tf.autograph.set_verbosity(0)
