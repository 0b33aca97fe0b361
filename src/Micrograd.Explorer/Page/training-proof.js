// The training page's proof: the page replays the whole recorded run from its first checkpoint and compares every recorded
// number with its own, a few steps at a time in the background, and the status line says how far it got and what it found.
"use strict";
/* global PageKit */
/* exported TrainingProof */

const TrainingProof = Object.freeze({
  /** Adds to the page: runProof(), showCheck() and proof (null until runProof starts it). */
  attach(page) {
    const { $ } = PageKit;
    const { recorded } = page;

    function runProof() {
      const check = recorded.proof();
      page.proof = check.result;
      // Twelve steps a slice, each slice a task of its own, so that the page answers the learner while the proof runs.
      const slice = () => {
        const r = check.next(12);
        showCheck();
        if (!r.done) setTimeout(slice, 0);
      };
      setTimeout(slice, 0);
    }

    function showCheck() {
      const check = $("check");
      const proof = page.proof;
      if (!proof) return;
      const what = page.branch ? " · what if: trained in the page" : "";
      if (!proof.done) {
        check.className = "checking";
        check.textContent = `checking the page against the engine: step ${proof.step.toLocaleString("en-US")} of ${recorded.steps.toLocaleString("en-US")}…${what}`;
      } else if (proof.differ === 0) {
        check.className = "agree";
        check.textContent = `✓ all ${proof.numbers.toLocaleString("en-US")} numbers of the run equal the engine's, bit for bit${what}`;
      } else {
        check.className = "differ";
        check.textContent = `⚠ ${proof.differ.toLocaleString("en-US")} of ${proof.numbers.toLocaleString("en-US")} numbers differ from the engine's (this browser's Math library?); first: ${proof.first}${what}`;
      }
      check.title = check.textContent; // whole, where the header cuts it
    }

    Object.assign(page, { runProof, showCheck, proof: null });
  },
});
