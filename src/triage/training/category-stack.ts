import { restack } from '../category-model.js';
import { mulberry32 } from '../train-sentiment.js';
import { type Example, order } from './category-train.js';

/**
 * The second stage (label co-occurrence): per category c, a logistic regression over the first
 * stage's logit of c and the probabilities of every category — refund_dispute is likelier beside
 * quality_defect, slow_response beside service_attitude. Row c is [bias, own logit, p_0 … p_{k-1}];
 * it starts at the identity (the first stage unchanged) and L2 pulls it back there. `skip` (safety,
 * decided by the detector on the first stage's probability) is left as it is.
 */
export type Stack = number[][];

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** The second stage applied to first-stage probabilities `p` (the runtime's restack), into `out`. */
export function applyStack(stack: Stack, p: ArrayLike<number>, out: Float64Array, skip: number) {
  for (let c = 0; c < stack.length; c++) out[c] = p[c]!;
  restack(stack, out, skip);
  return out;
}

export function trainStack(
  probs: Float64Array[],
  examples: Example[],
  k: number,
  skip: number,
  o: { epochs: number; rate: number; l2: number; seed: number } = {
    epochs: 30,
    rate: 0.05,
    l2: 1e-3,
    seed: 16,
  },
): Stack {
  const stack: Stack = Array.from({ length: k }, () => {
    const row = new Array<number>(k + 2).fill(0);
    row[1] = 1;
    return row;
  });
  const g2 = Array.from({ length: k }, () => new Array<number>(k + 2).fill(1e-8));
  const rand = mulberry32(o.seed);
  const x = new Float64Array(k + 2);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const i of order(examples.length, rand)) {
      const p = probs[i]!;
      for (let c = 0; c < k; c++) {
        if (c === skip) continue;
        const row = stack[c]!;
        x[0] = 1;
        x[1] = logit(p[c]!);
        for (let j = 0; j < k; j++) x[2 + j] = p[j]!;
        let z = 0;
        for (let f = 0; f < k + 2; f++) z += row[f]! * x[f]!;
        const g = 1 / (1 + Math.exp(-z)) - examples[i]!.y[c]!;
        for (let f = 0; f < k + 2; f++) {
          const anchor = f === 1 ? 1 : 0;
          const gf = g * x[f]! + (f === 0 ? 0 : o.l2 * (row[f]! - anchor));
          g2[c]![f]! += gf * gf;
          row[f]! -= (o.rate * gf) / Math.sqrt(g2[c]![f]!);
        }
      }
    }
  }
  return stack;
}
