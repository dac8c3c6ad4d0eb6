/**
 * Plain-text explanations shown beside vector plots (no markup: the surfaces insert them with textContent).
 * This is where the difference between softmax and the softmax cross-entropy loss is spelled out.
 */
import type { VectorResult } from '../core/index';
import { vectorView } from './figure';

const softmaxFamily = new Set(['softmax', 'softmin', 'log_softmax', 'gumbel_softmax', 'sparsemax', 'softmax2d']);

/** Paragraphs for a vector result, or none when there is nothing to explain. */
export function explainVector(result: VectorResult): string[] {
  const view = vectorView(result);
  const fn = result.fn ?? '';
  if (view === 'loss') {
    return [
      `${fn || 'This loss'} takes logits z (raw scores), not probabilities: loss = −log softmax(z)[target] = logsumexp(z) − z[target].`,
      'Its gradient with respect to the logits is softmax(z) − onehot(target): every wrong class is pushed down by its probability, the target is pulled up by 1 − p. The gradient never vanishes while the prediction is wrong, which is why frameworks fuse softmax and the loss (nn.CrossEntropyLoss, keras losses with from_logits=True).',
      'Applying softmax first and then a loss that applies softmax again (or taking log of softmax) squashes the logits twice and loses precision: pass logits to cross_entropy, and use softmax only to read probabilities.',
    ];
  }
  if (softmaxFamily.has(fn)) {
    return [
      `${fn}: each output depends on every input, so its derivative is a Jacobian matrix, not a curve. For softmax it is diag(s) − s·sᵀ: positive on the diagonal, negative elsewhere, each row summing to 0 (raising one logit takes probability from all the others).`,
      'Dividing the logits by a temperature T sharpens (T < 1) or flattens (T > 1) the distribution; the Jacobian shrinks as the outputs saturate towards one-hot, which is where gradients through softmax vanish.',
      'softmax is the activation (probabilities); softmax cross-entropy is the loss on logits, whose gradient is the simple softmax − onehot. Plot cross_entropy([z…], target) to see it.',
    ];
  }
  if (view === 'jacobian') return [`Bars: input and output of ${fn || 'the function'}; heat-map: its Jacobian ∂yᵢ/∂zⱼ.`];
  return [];
}
