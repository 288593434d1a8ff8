"""The one module that reaches into Keras' private API, which may change between releases.

Everything else in convblocks uses Keras' public API and these functions.
"""
import collections
import contextlib

from convblocks.quiet import keras
from keras.src.backend.common import global_state
from keras.src.utils import naming


def snake_case(name):
    """Keras' own snake_case of a class name, as in its automatic layer names (conv2d_3)."""
    return naming.to_snake_case(name)


def layer_inputs(layer):
    """The Keras tensors a layer of a functional model consumes (in its first call)."""
    return keras.tree.flatten(layer._inbound_nodes[0].input_tensors)


def history(tensor):
    """(operation, node index, node) that computed a Keras tensor, or None for a plain tensor."""
    record = getattr(tensor, '_keras_history', None)
    if record is None:
        return None
    operation = record.operation
    return operation, record.node_index, operation._inbound_nodes[record.node_index]


def producer(tensor):
    """The layer that computed a Keras tensor of a functional model."""
    return tensor._keras_history.operation


def operations(model):
    """Every operation of a functional model, layers and plain ops (keras.ops calls) alike."""
    return [*model.layers, *getattr(model, '_operations', [])]


@contextlib.contextmanager
def shapes_only():
    """Build layers without filling their weights (3x faster; shapes and counts are exact).

    Keras registers such weights for a later initialisation; they are dropped again here.
    """
    waiting = global_state.get_global_attribute('uninitialized_variables', [],
                                                set_to_default=True)
    before = len(waiting)
    try:
        with keras.StatelessScope(initialize_variables=False):
            yield
    finally:
        del waiting[before:]


@contextlib.contextmanager
def fresh_names():
    """Name new layers as a new process would (conv2d, conv2d_1, ...); restore the counters after.

    A traced TensorFlow graph can depend on its layers' names (the order in which it adds up
    gradients, say), so a network built under fresh names trains to the same numbers whatever
    the process built before it.
    """
    before = global_state.get_global_attribute('object_name_uids')
    global_state.set_global_attribute('object_name_uids', collections.defaultdict(int))
    try:
        yield
    finally:
        global_state.set_global_attribute('object_name_uids', before)
