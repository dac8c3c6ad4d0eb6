import * as assert from 'node:assert/strict';
import type { Framework, ParamValue } from '../../../../src/core/index';
import type { HoverOptions } from '../../../../src/extension/hover/hoverEngine';
import { buildHover } from '../../../../src/extension/hover/hoverEngine';
import { signature } from '../../../../src/extension/hover/resolve';

/**
 * The hover's recognition table: `‸` marks the character under the mouse. A case with `fn` expects that catalogue
 * entry (and, when given, the framework, the signature as the framework writes it and the values in effect); a case
 * without `fn` expects no hover at all.
 */
interface Case {
  readonly what: string;
  readonly lang: string;
  readonly src: string;
  readonly fn?: string;
  readonly framework?: Framework;
  readonly signature?: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

const TORCH = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';
const TFJS = "import * as tf from '@tensorflow/tfjs';\n";

const cases: readonly Case[] = [
  // PyTorch modules and functions
  { what: 'nn.GELU() with `import torch.nn as nn`', lang: 'python', src: `${TORCH}act = nn.‸GELU()`, fn: 'gelu', framework: 'torch', signature: "torch.nn.GELU(approximate='none')", params: { approximate: 'none' } },
  { what: 'nn.LeakyReLU(0.2) with `from torch import nn` reads the positional slope', lang: 'python', src: 'from torch import nn\nact = nn.Leaky‸ReLU(0.2)', fn: 'leaky_relu', framework: 'torch', signature: 'torch.nn.LeakyReLU(negative_slope=0.2)', params: { negative_slope: 0.2 } },
  { what: 'nn.LeakyReLU(negative_slope=0.3, inplace=True) reads the keyword and ignores inplace', lang: 'python', src: `${TORCH}nn.‸LeakyReLU(negative_slope=0.3, inplace=True)`, fn: 'leaky_relu', params: { negative_slope: 0.3 } },
  { what: 'nn.LeakyReLU() without arguments has PyTorch\'s slope 0.01', lang: 'python', src: `${TORCH}nn.‸LeakyReLU()`, fn: 'leaky_relu', params: { negative_slope: 0.01 } },
  { what: 'F.silu(x) with `import torch.nn.functional as F`', lang: 'python', src: `${TORCH}y = F.s‸ilu(x)`, fn: 'silu', framework: 'torch', signature: 'torch.nn.functional.silu(x)' },
  { what: 'F.leaky_relu(x, 0.2) with `from torch.nn import functional as F` reads the slope after x', lang: 'python', src: 'from torch.nn import functional as F\nF.leaky_‸relu(x, 0.2)', fn: 'leaky_relu', params: { negative_slope: 0.2 } },
  { what: "F.gelu(x, approximate='tanh')", lang: 'python', src: `${TORCH}F.‸gelu(x, approximate='tanh')`, fn: 'gelu', signature: "torch.nn.functional.gelu(x, approximate='tanh')", params: { approximate: 'tanh' } },
  { what: 'F.gelu(x, approximate = "tanh") with spaces and double quotes', lang: 'python', src: `${TORCH}F.‸gelu(x, approximate = "tanh")`, fn: 'gelu', params: { approximate: 'tanh' } },
  { what: 'torch.sigmoid(x)', lang: 'python', src: `${TORCH}torch.sig‸moid(x)`, fn: 'sigmoid', framework: 'torch' },
  { what: 'torch.special.expit(x) is the sigmoid', lang: 'python', src: `${TORCH}torch.special.ex‸pit(x)`, fn: 'sigmoid', framework: 'torch' },
  { what: 'torch.nn.functional.softplus(x, beta=2.0, threshold=10)', lang: 'python', src: `${TORCH}torch.nn.functional.soft‸plus(x, beta=2.0, threshold=10)`, fn: 'softplus', params: { beta: 2, threshold: 10 } },
  { what: 'torch.nn.ELU(alpha=0.5) written in full', lang: 'python', src: 'import torch\ntorch.nn.E‸LU(alpha=0.5)', fn: 'elu', params: { alpha: 0.5 } },
  { what: '`from torch.nn import GELU` then GELU()', lang: 'python', src: 'from torch.nn import GELU, ReLU\nact = GE‸LU()', fn: 'gelu', framework: 'torch' },
  { what: '`from torch.nn.functional import gelu as g` then g(x)', lang: 'python', src: 'from torch.nn.functional import gelu as g\ny = ‸g(x)', fn: 'gelu', framework: 'torch' },
  { what: 'a star import from torch.nn.functional', lang: 'python', src: 'from torch.nn.functional import *\ny = mi‸sh(x)', fn: 'mish', framework: 'torch' },
  { what: 'a parenthesised multi-line import', lang: 'python', src: 'from torch.nn.functional import (\n    relu,\n    gelu as g,  # exact\n)\ny = ‸g(x)', fn: 'gelu' },
  { what: 'F.relu(x) in a snippet without imports (the conventional F)', lang: 'python', src: 'y = F.re‸lu(x)', fn: 'relu', framework: 'torch' },
  { what: 'nn.ReLU6() in a snippet without imports (the conventional nn)', lang: 'python', src: 'act = nn.ReL‸U6()', fn: 'relu6', framework: 'torch' },
  { what: 'nn.Hardtanh(-2, 3) reads both bounds', lang: 'python', src: `${TORCH}nn.Hard‸tanh(-2, 3)`, fn: 'hardtanh', params: { min_val: -2, max_val: 3 } },
  { what: 'nn.Softshrink(lambd=1.5)', lang: 'python', src: `${TORCH}nn.Soft‸shrink(lambd=1.5)`, fn: 'softshrink', params: { lambd: 1.5 } },
  { what: 'nn.Threshold(1.0, -2.0)', lang: 'python', src: `${TORCH}nn.Thres‸hold(1.0, -2.0)`, fn: 'threshold', params: { threshold: 1, value: -2 } },
  { what: 'nn.PReLU(init=0.1) maps init onto the weight', lang: 'python', src: `${TORCH}nn.P‸ReLU(init=0.1)`, fn: 'prelu', params: { weight: 0.1 } },
  { what: 'nn.RReLU() has the eval slope bounds', lang: 'python', src: `${TORCH}nn.RR‸eLU()`, fn: 'rrelu', params: { lower: 0.125 } },
  { what: 'nn.CELU(alpha=2.0)', lang: 'python', src: `${TORCH}nn.CE‸LU(alpha=2.0)`, fn: 'celu', params: { alpha: 2 } },
  { what: 'nn.SELU()', lang: 'python', src: `${TORCH}nn.SE‸LU()`, fn: 'selu' },
  { what: 'nn.Hardswish()', lang: 'python', src: `${TORCH}nn.Hard‸swish()`, fn: 'hardswish' },
  { what: 'nn.Hardsigmoid()', lang: 'python', src: `${TORCH}nn.Hard‸sigmoid()`, fn: 'hardsigmoid' },
  { what: 'nn.LogSigmoid()', lang: 'python', src: `${TORCH}nn.Log‸Sigmoid()`, fn: 'logsigmoid' },
  { what: 'nn.Softsign()', lang: 'python', src: `${TORCH}nn.Soft‸sign()`, fn: 'softsign' },
  { what: 'nn.Tanhshrink()', lang: 'python', src: `${TORCH}nn.Tanh‸shrink()`, fn: 'tanhshrink' },
  { what: 'nn.Tanh() inside nn.Sequential', lang: 'python', src: `${TORCH}net = nn.Sequential(nn.Linear(4, 4), nn.Ta‸nh())`, fn: 'tanh' },
  { what: 'nn.Softmax(dim=-1): dim has no effect on the curve', lang: 'python', src: `${TORCH}nn.Soft‸max(dim=-1)`, fn: 'softmax' },
  { what: 'nn.LogSoftmax(dim=1)', lang: 'python', src: `${TORCH}nn.LogSoft‸max(dim=1)`, fn: 'log_softmax' },
  { what: 'torch.logsumexp(x, dim=0)', lang: 'python', src: `${TORCH}torch.logsum‸exp(x, dim=0)`, fn: 'logsumexp' },
  { what: 'a multi-line call with a trailing comma', lang: 'python', src: `${TORCH}act = nn.Leaky‸ReLU(\n    negative_slope=0.05,\n)`, fn: 'leaky_relu', params: { negative_slope: 0.05 } },
  { what: 'a comment inside the call does not hide the argument', lang: 'python', src: `${TORCH}act = nn.Leaky‸ReLU(0.2  # slope\n)`, fn: 'leaky_relu', params: { negative_slope: 0.2 } },
  { what: 'a negative literal', lang: 'python', src: `${TORCH}nn.Leaky‸ReLU(-0.1)`, fn: 'leaky_relu', params: { negative_slope: -0.1 } },
  { what: 'an exponent literal', lang: 'python', src: `${TORCH}nn.Leaky‸ReLU(1e-2)`, fn: 'leaky_relu', params: { negative_slope: 0.01 } },
  { what: 'a variable argument keeps the default value', lang: 'python', src: `${TORCH}nn.Leaky‸ReLU(slope)`, fn: 'leaky_relu', params: { negative_slope: 0.01 } },

  // TensorFlow and Keras
  { what: 'tf.nn.leaky_relu(x, alpha=0.1)', lang: 'python', src: 'import tensorflow as tf\ny = tf.nn.leaky_‸relu(x, alpha=0.1)', fn: 'leaky_relu', framework: 'tf', signature: 'tf.nn.leaky_relu(x, alpha=0.1)', params: { negative_slope: 0.1 } },
  { what: "tf.nn.leaky_relu(x) has TensorFlow's slope 0.2", lang: 'python', src: 'import tensorflow as tf\ntf.nn.leaky_‸relu(x)', fn: 'leaky_relu', params: { negative_slope: 0.2 } },
  { what: 'tf.nn.gelu(x, approximate=True) is the tanh form', lang: 'python', src: 'import tensorflow as tf\ntf.nn.ge‸lu(x, approximate=True)', fn: 'gelu', signature: 'tf.nn.gelu(x, approximate=True)', params: { approximate: 'tanh' } },
  { what: 'tf.nn.relu6', lang: 'python', src: 'import tensorflow as tf\ntf.nn.relu‸6(x)', fn: 'relu6', framework: 'tf' },
  { what: 'tf.math.sigmoid', lang: 'python', src: 'import tensorflow as tf\ntf.math.sig‸moid(x)', fn: 'sigmoid', framework: 'tf' },
  { what: 'tf.keras.activations.swish is SiLU in Keras', lang: 'python', src: 'import tensorflow as tf\ntf.keras.activations.sw‸ish(x)', fn: 'silu', framework: 'keras' },
  { what: "keras.layers.LeakyReLU() has the layer's slope 0.3", lang: 'python', src: 'import keras\nkeras.layers.Leaky‸ReLU()', fn: 'leaky_relu', framework: 'keras', signature: 'keras.layers.LeakyReLU(negative_slope=0.3)', params: { negative_slope: 0.3 } },
  { what: 'keras.layers.LeakyReLU(negative_slope=0.1)', lang: 'python', src: 'import keras\nkeras.layers.Leaky‸ReLU(negative_slope=0.1)', fn: 'leaky_relu', params: { negative_slope: 0.1 } },
  { what: 'keras.layers.LeakyReLU(alpha=0.25) in Keras 2 spelling', lang: 'python', src: 'import keras\nkeras.layers.Leaky‸ReLU(alpha=0.25)', fn: 'leaky_relu', params: { negative_slope: 0.25 } },
  { what: 'keras.ops.gelu defaults to the tanh form', lang: 'python', src: 'import keras\nkeras.ops.ge‸lu(x)', fn: 'gelu', framework: 'keras', params: { approximate: 'tanh' } },
  { what: 'keras.activations.gelu defaults to the exact form', lang: 'python', src: 'import keras\nkeras.activations.ge‸lu(x)', fn: 'gelu', params: { approximate: 'none' } },
  { what: 'keras.activations.gelu(x, approximate=True)', lang: 'python', src: 'import keras\nkeras.activations.ge‸lu(x, approximate=True)', fn: 'gelu', params: { approximate: 'tanh' } },
  { what: '`from tensorflow import keras` then keras.layers.ReLU()', lang: 'python', src: 'from tensorflow import keras\nkeras.layers.Re‸LU()', fn: 'relu', framework: 'keras' },
  { what: '`from tensorflow.keras import layers` then layers.ELU(0.5)', lang: 'python', src: 'from tensorflow.keras import layers\nlayers.E‸LU(0.5)', fn: 'elu', params: { alpha: 0.5 } },
  { what: '`from keras import activations` then activations.hard_sigmoid', lang: 'python', src: 'from keras import activations\nactivations.hard_sig‸moid(x)', fn: 'hardsigmoid', framework: 'keras' },
  { what: 'keras soft_shrink(threshold=1.0) maps threshold onto lambd', lang: 'python', src: 'import keras\nkeras.activations.soft_sh‸rink(x, threshold=1.0)', fn: 'softshrink', signature: 'keras.activations.soft_shrink(x, threshold=1.0)', params: { lambd: 1 } },
  { what: 'tf.nn.elu takes no alpha, so alpha=2 is not this function', lang: 'python', src: 'import tensorflow as tf\ntf.nn.e‸lu(x, alpha=2.0)' },
  { what: 'keras relu(x, max_value=6.0) is not modelled, so no guess', lang: 'python', src: 'import keras\nkeras.activations.re‸lu(x, max_value=6.0)' },

  // JAX and Flax
  { what: 'jax.nn.gelu defaults to the tanh form', lang: 'python', src: 'import jax\ny = jax.nn.ge‸lu(x)', fn: 'gelu', framework: 'jax', signature: 'jax.nn.gelu(x, approximate=True)', params: { approximate: 'tanh' } },
  { what: 'jax.nn.gelu(x, approximate=False) is exact', lang: 'python', src: 'import jax\ny = jax.nn.ge‸lu(x, approximate=False)', fn: 'gelu', params: { approximate: 'none' } },
  { what: '`from jax import nn as jnn` then jnn.silu', lang: 'python', src: 'from jax import nn as jnn\njnn.si‸lu(x)', fn: 'silu', framework: 'jax' },
  { what: '`import jax.nn as jnn` then jnn.leaky_relu(x, negative_slope=0.2)', lang: 'python', src: 'import jax.nn as jnn\njnn.leaky_re‸lu(x, negative_slope=0.2)', fn: 'leaky_relu', framework: 'jax', params: { negative_slope: 0.2 } },
  { what: '`import flax.linen as nn` makes nn.gelu Flax\'s', lang: 'python', src: 'import flax.linen as nn\ny = nn.ge‸lu(x)', fn: 'gelu', framework: 'flax', params: { approximate: 'tanh' } },
  { what: '`import flax.linen as nn` means nn.GELU is not PyTorch\'s', lang: 'python', src: 'import flax.linen as nn\nact = nn.GE‸LU()' },
  { what: '`from flax import linen as nn` then nn.relu', lang: 'python', src: 'from flax import linen as nn\nnn.re‸lu(x)', fn: 'relu', framework: 'flax' },
  { what: 'flax.nnx re-exports the linen activations', lang: 'python', src: 'from flax import nnx\nnnx.ge‸lu(x)', fn: 'gelu', framework: 'flax' },
  { what: 'jax.nn.soft_sign (JAX spelling)', lang: 'python', src: 'import jax\njax.nn.soft_‸sign(x)', fn: 'softsign', framework: 'jax' },
  { what: 'jax.nn.hard_silu', lang: 'python', src: 'import jax\njax.nn.hard_s‸ilu(x)', fn: 'hardswish', framework: 'jax' },
  { what: 'jax.nn.squareplus(x, b=2)', lang: 'python', src: 'import jax\njax.nn.square‸plus(x, b=2)', fn: 'squareplus', params: { b: 2 } },
  { what: '`from jax.nn import gelu` then gelu(x)', lang: 'python', src: 'from jax.nn import gelu\ny = ge‸lu(x)', fn: 'gelu', framework: 'jax' },

  // TensorFlow.js
  { what: 'tf.leakyRelu(x, 0.1) in TypeScript', lang: 'typescript', src: `${TFJS}const y = tf.leaky‸Relu(x, 0.1);`, fn: 'leaky_relu', framework: 'tfjs', signature: 'tf.leakyRelu(x, 0.1)', params: { negative_slope: 0.1 } },
  { what: "tf.leakyRelu(x) has TF.js's slope 0.2", lang: 'typescript', src: `${TFJS}tf.leaky‸Relu(x);`, fn: 'leaky_relu', params: { negative_slope: 0.2 } },
  { what: 'tf.layers.leakyReLU({alpha: 0.25})', lang: 'typescript', src: `${TFJS}const l = tf.layers.leaky‸ReLU({alpha: 0.25});`, fn: 'leaky_relu', framework: 'tfjs', signature: 'tf.layers.leakyReLU({alpha: 0.25})', params: { negative_slope: 0.25 } },
  { what: "tf.layers.leakyReLU() has the layer's slope 0.3", lang: 'javascript', src: `${TFJS}const l = tf.layers.leaky‸ReLU();`, fn: 'leaky_relu', params: { negative_slope: 0.3 } },
  { what: "`const tf = require('@tensorflow/tfjs-node')` then tf.relu", lang: 'javascript', src: "const tf = require('@tensorflow/tfjs-node');\ntf.re‸lu(x);", fn: 'relu', framework: 'tfjs' },
  { what: "`import { layers } from '@tensorflow/tfjs'` then layers.elu()", lang: 'typescript', src: "import { layers } from '@tensorflow/tfjs';\nlayers.e‸lu();", fn: 'elu', framework: 'tfjs' },
  { what: 'tf.sigmoid in TypeScript is TF.js', lang: 'typescript', src: `${TFJS}tf.sig‸moid(x);`, fn: 'sigmoid', framework: 'tfjs' },
  { what: 'tf.tanh in a script without imports (global tf)', lang: 'javascript', src: 'tf.ta‸nh(x);', fn: 'tanh', framework: 'tfjs' },
  { what: 'tf.layers.thresholdedReLU({theta: 2})', lang: 'typescript', src: `${TFJS}tf.layers.thresholded‸ReLU({theta: 2});`, fn: 'threshold', signature: 'tf.layers.thresholdedReLU({theta: 2})', params: { threshold: 2 } },
  { what: "an activation string in a tfjs layer config: {activation: 'relu'}", lang: 'typescript', src: `${TFJS}tf.layers.dense({units: 4, activation: 're‸lu'});`, fn: 'relu' },
  { what: "tf.layers.activation({activation: 'gelu_new'}) is the tanh GELU", lang: 'typescript', src: `${TFJS}tf.layers.activation({activation: 'gelu‸_new'});`, fn: 'gelu', params: { approximate: 'tanh' } },
  { what: 'tf.nn.leaky_relu is a Python name, not TF.js', lang: 'typescript', src: `${TFJS}tf.nn.leaky_‸relu(x);` },
  { what: 'a JS line comment', lang: 'typescript', src: `${TFJS}// tf.re‸lu(x) is used below` },
  { what: 'a JS block comment', lang: 'typescript', src: `${TFJS}/* uses\n tf.re‸lu */` },
  { what: 'an unrelated JS string', lang: 'typescript', src: `${TFJS}console.log('tf.re‸lu');` },
  { what: 'tf bound to another package', lang: 'typescript', src: "import * as tf from 'my-tensor-lib';\ntf.re‸lu(x);" },

  // String identifiers in code
  { what: 'Dense(64, activation="relu")', lang: 'python', src: 'from keras import layers\nlayers.Dense(64, activation="re‸lu")', fn: 'relu', framework: 'keras' },
  { what: 'hidden_act="gelu_new" is the tanh GELU', lang: 'python', src: 'config = dict(hidden_act="gelu‸_new")', fn: 'gelu', framework: 'hf', params: { approximate: 'tanh' } },
  { what: 'ACT2FN["gelu_fast"]', lang: 'python', src: 'act = ACT2FN["gelu_f‸ast"]', fn: 'gelu', framework: 'hf', params: { approximate: 'tanh' } },
  { what: "layers.Activation('swish')", lang: 'python', src: "from keras import layers\nlayers.Activation('sw‸ish')", fn: 'silu' },
  { what: 'nn.TransformerEncoderLayer(…, activation="gelu")', lang: 'python', src: `${TORCH}nn.TransformerEncoderLayer(512, 8, activation="ge‸lu")`, fn: 'gelu' },
  { what: 'a string in a list under an activation key', lang: 'python', src: 'cfg = dict(activations=["relu", "ta‸nh"])', fn: 'tanh' },
  { what: 'a quick_gelu string is SiLU with beta 1.702', lang: 'python', src: 'cfg = dict(hidden_act="quick_‸gelu")', fn: 'silu', params: { beta: 1.702 } },
  { what: 'an unrelated string', lang: 'python', src: 'print("re‸lu is great")' },
  { what: 'a string under a key that is not about activations', lang: 'python', src: 'name = "re‸lu"' },
  { what: 'an unknown activation string', lang: 'python', src: 'layer = Dense(4, activation="my_‸custom")' },
  { what: 'a comparison with a string', lang: 'python', src: 'if act == "re‸lu":\n    pass' },
  { what: 'an f-string', lang: 'python', src: 'activation = f"re‸lu"' },
  { what: 'a key named action (not act)', lang: 'python', src: 'cfg = dict(action="re‸lu")' },

  // Comments, docstrings and the user's own names
  { what: 'a Python comment', lang: 'python', src: `${TORCH}# nn.GE‸LU is used below` },
  { what: 'an inline comment after code', lang: 'python', src: `${TORCH}x = 1  # F.re‸lu` },
  { what: 'a one-line docstring', lang: 'python', src: `${TORCH}def f():\n    """Uses nn.GE‸LU."""` },
  { what: 'the second line of a docstring', lang: 'python', src: `${TORCH}def f():\n    """Block.\n\n    Applies F.re‸lu then a linear layer.\n    """` },
  { what: 'your own my_relu', lang: 'python', src: 'def my_relu(x):\n    return x\ny = my_re‸lu(x)' },
  { what: 'the name in a def', lang: 'python', src: 'def re‸lu(x):\n    return x' },
  { what: 'an imported name the file also defines', lang: 'python', src: 'from torch.nn.functional import relu\ndef relu(x):\n    return x\ny = re‸lu(x)' },
  { what: 'self.relu without an assignment', lang: 'python', src: `${TORCH}y = self.re‸lu(x)` },
  { what: 'self.act assigned nn.GELU(approximate="tanh")', lang: 'python', src: `${TORCH}class B(nn.Module):\n    def __init__(self):\n        self.act = nn.GELU(approximate="tanh")\n    def forward(self, x):\n        return self.a‸ct(x)`, fn: 'gelu', framework: 'torch', params: { approximate: 'tanh' } },
  { what: 'self.act assigned a function reference', lang: 'python', src: `${TORCH}self.act = F.silu\ny = self.a‸ct(x)`, fn: 'silu' },
  { what: 'self.act assigned two different modules in two classes', lang: 'python', src: `${TORCH}class A:\n    def __init__(self):\n        self.act = nn.ReLU()\nclass B:\n    def __init__(self):\n        self.act = nn.Tanh()\n    def f(self, x):\n        return self.a‸ct(x)` },
  { what: 'self.act assigned a conditional', lang: 'python', src: `${TORCH}self.act = nn.GELU() if gelu else nn.ReLU()\ny = self.a‸ct(x)` },
  { what: 'a local act = nn.LeakyReLU(0.2)', lang: 'python', src: `${TORCH}act = nn.LeakyReLU(0.2)\ny = a‸ct(x)`, fn: 'leaky_relu', params: { negative_slope: 0.2 } },
  { what: 'h = F.gelu(x) makes h a tensor, not an activation', lang: 'python', src: `${TORCH}h = F.gelu(x)\ny = ‸h + 1` },
  { what: 'a method of an unknown object', lang: 'python', src: `${TORCH}y = model.re‸lu(x)` },
  { what: 'a tensor method', lang: 'python', src: `${TORCH}y = x.sig‸moid()` },
  { what: 'an attribute of a call result', lang: 'python', src: `${TORCH}y = get().re‸lu` },
  { what: 'a layer that is not an activation', lang: 'python', src: `${TORCH}torch.nn.Lin‸ear(3, 4)` },
  { what: 'an unknown keyword argument', lang: 'python', src: `${TORCH}F.leaky_re‸lu(x, negative_slope=0.2, foo=1)` },
  { what: 'an invalid choice for approximate', lang: 'python', src: `${TORCH}nn.GE‸LU(approximate='fast')` },
  { what: 'too many positional arguments', lang: 'python', src: `${TORCH}nn.Leaky‸ReLU(0.2, True, 3)` },
  { what: 'the module part of nn.GELU', lang: 'python', src: `${TORCH}n‸n.GELU()` },
  { what: 'torch in torch.sigmoid', lang: 'python', src: `${TORCH}tor‸ch.sigmoid(x)` },
  { what: 'nn bound to two different modules', lang: 'python', src: 'import torch.nn as nn\nimport flax.linen as nn\nnn.ge‸lu(x)' },
  { what: 'nn imported from an unknown package', lang: 'python', src: 'from mylib import nn\nnn.GE‸LU()' },
  { what: 'a keyword argument name', lang: 'python', src: `${TORCH}F.gelu(x, approxi‸mate='tanh')` },

  // YAML
  { what: 'YAML activation: gelu', lang: 'yaml', src: 'model:\n  activation: ge‸lu\n', fn: 'gelu', framework: 'keras' },
  { what: 'YAML hidden_act: "gelu_new"', lang: 'yaml', src: 'hidden_act: "gelu‸_new"\n', fn: 'gelu', framework: 'hf', params: { approximate: 'tanh' } },
  { what: 'a YAML block list under activations', lang: 'yaml', src: 'activations:\n  - relu\n  - ta‸nh\n', fn: 'tanh' },
  { what: 'a YAML flow list', lang: 'yaml', src: 'activation: [relu, se‸lu]\n', fn: 'selu' },
  { what: 'a YAML value followed by a comment', lang: 'yaml', src: 'act_fn: si‸lu  # smooth\n', fn: 'silu' },
  { what: 'a YAML comment', lang: 'yaml', src: '# activation: re‸lu\n' },
  { what: 'a YAML key that is not about activations', lang: 'yaml', src: 'name: re‸lu\n' },
  { what: 'the YAML key itself', lang: 'yaml', src: 'activa‸tion: relu\n' },

  // JSON
  { what: 'JSON "activation": "relu"', lang: 'json', src: '{\n  "activation": "re‸lu"\n}', fn: 'relu' },
  { what: 'JSON "hidden_act": "gelu_new"', lang: 'json', src: '{"hidden_act": "gelu_‸new", "hidden_size": 768}', fn: 'gelu', framework: 'hf', params: { approximate: 'tanh' } },
  { what: 'a JSON list under activations', lang: 'json', src: '{"activations": ["relu", "ge‸lu"]}', fn: 'gelu' },
  { what: 'a JSON key', lang: 'json', src: '{"re‸lu": 1}' },
  { what: 'a JSON value under an unrelated key', lang: 'json', src: '{"name": "re‸lu"}' },
  { what: 'a JSONC comment', lang: 'jsonc', src: '{\n  // "activation": "re‸lu"\n  "x": 1\n}' },

  // Markdown
  { what: 'inline code in markdown', lang: 'markdown', src: 'Blocks use `nn.GE‸LU` after the attention.', fn: 'gelu', framework: 'torch' },
  { what: 'markdown prose', lang: 'markdown', src: 'Blocks use nn.GE‸LU after the attention.' },
  { what: 'a python fence in markdown', lang: 'markdown', src: '# Notes\n\n```python\nimport jax\ny = jax.nn.ge‸lu(x)\n```\n', fn: 'gelu', framework: 'jax' },
  { what: 'a js fence in markdown', lang: 'markdown', src: "```js\nimport * as tf from '@tensorflow/tfjs';\ntf.leaky‸Relu(x, 0.3);\n```\n", fn: 'leaky_relu', framework: 'tfjs', params: { negative_slope: 0.3 } },
  { what: 'inline code uses the imports of the python fences', lang: 'markdown', src: '```python\nimport flax.linen as nn\n```\n\nThen `nn.ge‸lu` is Flax.\n', fn: 'gelu', framework: 'flax' },
  { what: 'inline code with a TF.js name', lang: 'markdown', src: 'TF.js calls it `tf.leaky‸Relu`.', fn: 'leaky_relu', framework: 'tfjs' },
  { what: 'a fence of an unrelated language', lang: 'markdown', src: '```text\nnn.GE‸LU\n```\n' },
  { what: 'a comment inside a python fence', lang: 'markdown', src: '```python\n# nn.GE‸LU\n```\n' },
];

const options: HoverOptions = { theme: 'dark', range: [-4, 4], width: 240, height: 120, showDerivative: true };

function split(src: string): { text: string; offset: number } {
  const offset = src.indexOf('‸');
  assert.ok(offset >= 0 && src.indexOf('‸', offset + 1) < 0, 'each case marks exactly one position with ‸');
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

describe('hover recognition table', () => {
  it('has at least 80 cases, positive and negative, in every language', () => {
    assert.ok(cases.length >= 80, `only ${cases.length} cases`);
    assert.ok(cases.filter((c) => c.fn).length >= 40);
    assert.ok(cases.filter((c) => !c.fn).length >= 30);
    for (const lang of ['python', 'typescript', 'javascript', 'json', 'jsonc', 'yaml', 'markdown']) {
      assert.ok(cases.some((c) => c.lang === lang), `no case in ${lang}`);
    }
    for (const framework of ['torch', 'tf', 'keras', 'jax', 'flax', 'tfjs', 'hf'] as const) {
      assert.ok(cases.some((c) => c.framework === framework), `no case for ${framework}`);
    }
  });

  for (const c of cases) {
    it(c.fn ? `recognises ${c.what} as ${c.fn}` : `shows nothing for ${c.what}`, () => {
      const { text, offset } = split(c.src);
      const result = buildHover(text, offset, { ...options, languageId: c.lang });
      if (!c.fn) {
        assert.equal(result, undefined, `expected no hover, got ${result?.resolution.activation.name}`);
        return;
      }
      assert.ok(result, 'expected a hover');
      const r = result.resolution;
      assert.equal(r.activation.name, c.fn);
      if (c.framework) assert.equal(r.framework, c.framework);
      if (c.signature) assert.equal(signature(r), c.signature);
      for (const [name, value] of Object.entries(c.params ?? {})) {
        const param = r.params.find((p) => p.spec.name === name);
        assert.ok(param, `parameter ${name} is not shown`);
        assert.equal(param.value, value, `value of ${name}`);
      }
      assert.ok(result.start <= offset && offset < result.end, `the hover range ${result.start}–${result.end} covers the position ${offset}`);
    });
  }
});
