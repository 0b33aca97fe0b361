// The GPT page's proof: the page recomputes every recorded number it can and compares its bits with the engine's: the
// learning rate of every step (lr · (1 − step / steps), as GptAdam computes it), and the loss of every step, taken again
// through the replay (gpt-replay.js: step k's document through the weights after k steps, rebuilt from step 0's stored
// weights step by step, never from a later checkpoint). It works about 8 ms at a time (a second replay, apart from the
// one the page shows), leaving the page free in between, and the status line says how far it got and what it found.
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
    const { run } = page;

    function runProof() {
      const proof = { done: false, numbers: 0, differ: 0, first: "", losses: 0, rates: 0, step: 0 };
      page.proof = proof;
      const differs = (what, mine, theirs) => {
        proof.numbers++;
        if (GptProof.same(mine, theirs)) return;
        proof.differ++;
        if (proof.first === "") proof.first = `${what}: the page's ${Numbers.full(mine)}, the engine's ${Numbers.full(theirs)}`;
      };
      for (let s = 0; s < run.steps; s++) differs(`the learning rate of step ${s + 1}`, run.learningRate * (1 - s / run.steps), run.rates[s]);
      proof.rates = run.steps;
      const replay = page.replay.twin();
      replay.restore(0);
      const slice = () => {
        const until = performance.now() + 8;
        while (replay.step < run.steps && performance.now() < until) {
          const step = replay.step;
          differs(`the loss of step ${step + 1}`, replay.next(), run.losses[step]);
          proof.losses++;
        }
        proof.step = replay.step;
        proof.done = replay.step >= run.steps;
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
        check.textContent = `checking the page against the engine: replaying step ${proof.step.toLocaleString("en-US")} of ${run.steps.toLocaleString("en-US")}…`;
      } else if (proof.differ === 0) {
        check.className = "agree";
        check.textContent = `✓ all ${proof.numbers.toLocaleString("en-US")} numbers equal the engine's, bit for bit`;
        check.title = `${what}: every step's loss, recomputed in the page as it takes the run's steps again from the initial weights, and every step's learning rate`;
      } else {
        check.className = "differ";
        check.textContent = `⚠ ${proof.differ.toLocaleString("en-US")} of ${proof.numbers.toLocaleString("en-US")} numbers differ from the engine's (this browser's Math library?); first: ${proof.first}`;
      }
    }

    Object.assign(page, { runProof, showCheck, proof: null });
  },
});
