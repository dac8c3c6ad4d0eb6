"""The same MLP written three times (PyTorch, Keras, JAX): hover an activation name to see its curve and f′.

Try: select `F.leaky_relu(x, negative_slope=0.2)` below and run "ActViz: Plot Selection" from the context menu.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TorchMLP(nn.Module):
    def __init__(self, d_in: int = 16, d_hidden: int = 64, n_classes: int = 10) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, d_hidden),
            nn.GELU(approximate="tanh"),
            nn.Linear(d_hidden, d_hidden),
            nn.SiLU(),
            nn.Linear(d_hidden, d_hidden),
            nn.LeakyReLU(0.2),
            nn.Linear(d_hidden, n_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.net(x)
        h = F.leaky_relu(h, negative_slope=0.2) + F.softplus(h, beta=2.0)
        return F.log_softmax(h, dim=-1)


def torch_gates(x: torch.Tensor) -> torch.Tensor:
    return torch.sigmoid(x) * torch.tanh(x) + F.elu(x, alpha=1.0) + F.hardswish(x) + F.mish(x)


# --- Keras 3 ---------------------------------------------------------------------------------------------------------
import keras
from keras import layers


def keras_mlp(d_in: int = 16, d_hidden: int = 64, n_classes: int = 10) -> keras.Model:
    return keras.Sequential([
        keras.Input(shape=(d_in,)),
        layers.Dense(d_hidden, activation="relu"),
        layers.Dense(d_hidden, activation="gelu"),
        layers.Dense(d_hidden, activation="swish"),
        layers.Dense(d_hidden),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Dense(n_classes, activation="softmax"),
    ])


def keras_gates(x):
    return keras.activations.selu(x) + keras.activations.hard_sigmoid(x) + keras.activations.elu(x, alpha=1.0)


# --- JAX / Flax -------------------------------------------------------------------------------------------------------
import jax
import jax.numpy as jnp


def jax_mlp(params, x: jnp.ndarray) -> jnp.ndarray:
    for w, b in params[:-1]:
        x = jax.nn.gelu(x @ w + b)  # JAX's default is the tanh approximation
        x = jax.nn.silu(x)
    w, b = params[-1]
    return jax.nn.log_softmax(x @ w + b)


def jax_gates(x: jnp.ndarray) -> jnp.ndarray:
    return jax.nn.leaky_relu(x) + jax.nn.softplus(x) + jax.nn.celu(x, alpha=1.0) + jax.nn.relu6(x)
