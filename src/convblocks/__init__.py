"""Convolutional building blocks of modern CNNs in short Keras code."""
