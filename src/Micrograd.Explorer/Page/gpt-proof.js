// The GPT page's proof: the page recomputes every recorded number it can and compares its bits with the engine's: the
// learning rate of every step (lr · (1 − step / steps), as GptAdam computes it), and the loss of the step after each
// checkpoint (that step's document through the checkpoint's weights, with the page's forward pass). It works a few
// checkpoints at a time in the background, and the status line says how far it got and what it found.
"use strict";
/* global Numbers, PageKit */
/* exported GptProof */

const GptProof = Object.freeze({
  /** The same double, bit for bit (NaN equal to NaN, −0 apart from 0). */
  same(a, b) {
    return Object.is(a, b);
  },

  /** Adds to the page: runProof(), showCheck() and proof (null until runProof starts it). */
  attach(page) {
    const { $ } = PageKit;
    const { run, model } = page;

    function runProof() {
      const proof = { done: false, numbers: 0, differ: 0, first: "", losses: 0, rates: 0, checkpoint: 0 };
      page.proof = proof;
      const differs = (what, mine, theirs) => {
        proof.numbers++;
        if (GptProof.same(mine, theirs)) return;
        proof.differ++;
        if (proof.first === "") proof.first = `${what}: the page's ${Numbers.full(mine)}, the engine's ${Numbers.full(theirs)}`;
      };
      for (let s = 0; s < run.steps; s++) differs(`the learning rate of step ${s + 1}`, run.learningRate * (1 - s / run.steps), run.rates[s]);
      proof.rates = run.steps;
      const slice = () => {
        for (let k = 0; k < 8 && proof.checkpoint < run.count; k++, proof.checkpoint++) {
          const i = proof.checkpoint;
          const doc = run.documents[i];
          if (doc === null) continue;
          const step = run.checkpointSteps[i];
          const { tokens } = run.encode(doc);
          differs(`the loss of step ${step + 1}`, model.run(run.weightsAt(i), tokens).loss, run.losses[step]);
          proof.losses++;
        }
        proof.done = proof.checkpoint >= run.count;
        showCheck();
        if (!proof.done) setTimeout(slice, 0);
      };
      setTimeout(slice, 0);
    }

    function showCheck() {
      const check = $("check");
      const proof = page.proof;
      if (!proof) return;
      const what = `${proof.losses.toLocaleString("en-US")} losses and ${proof.rates.toLocaleString("en-US")} learning rates`;
      if (!proof.done) {
        check.className = "checking";
        check.textContent = `checking the page against the engine: checkpoint ${proof.checkpoint.toLocaleString("en-US")} of ${run.count.toLocaleString("en-US")}…`;
      } else if (proof.differ === 0) {
        check.className = "agree";
        check.textContent = `✓ all ${proof.numbers.toLocaleString("en-US")} numbers equal the engine's, bit for bit`;
        check.title = `${what}: each checkpoint's next step's loss, recomputed in the page from the checkpoint's weights, and every step's learning rate`;
      } else {
        check.className = "differ";
        check.textContent = `⚠ ${proof.differ.toLocaleString("en-US")} of ${proof.numbers.toLocaleString("en-US")} numbers differ from the engine's (this browser's Math library?); first: ${proof.first}`;
      }
    }

    Object.assign(page, { runProof, showCheck, proof: null });
  },
});
