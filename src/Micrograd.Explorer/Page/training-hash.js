// The training page's state in the URL's #hash: step=37&sample=t8 (training sample 8; v3 is validation sample 3), so that a
// link opens the same view. Written shortly after a change, not while playing, and only for the run as recorded (steps
// trained on in the page, and points added or moved, are not in the file a link opens).
"use strict";
/* global PageKit */
/* exported TrainingHash */

const TrainingHash = Object.freeze({
  /** Adds to the page: readHash(text), applyHash(state), hashState and saveHashSoon(). */
  attach(page) {
    const { recorded } = page;

    function hashText() {
      const selected = page.selected;
      const parts = [`step=${page.position}`];
      if (selected) parts.push(`sample=${selected.set === "train" ? "t" : "v"}${selected.index + 1}`);
      return parts.join("&");
    }

    /** Reads a hash: { step, sample }, each possibly missing; null when it has nothing for the page, or is malformed. */
    function readHash(text) {
      const items = PageKit.hashItems(text);
      if (items === null) return null;
      const state = {};
      for (const [key, value] of items) {
        if (key === "step" && /^\d+$/.test(value)) state.step = Number(value);
        const sample = key === "sample" ? /^([tv])(\d+)$/.exec(value) : null;
        if (sample) {
          const set = sample[1] === "t" ? "train" : "validation";
          const index = Number(sample[2]) - 1;
          if (index >= 0 && index < (set === "train" ? recorded.data.count : recorded.validation ? recorded.validation.count : 0)) state.sample = { set, index };
        }
      }
      return state.step !== undefined || state.sample ? state : null;
    }

    /** Whether the page shows the run as recorded: nothing trained on, no point added or moved. */
    const onRecordedRun = () => page.branch === null && page.edits.added === 0 && page.edits.deleted === 0 && page.edits.moved.size === 0;

    /** Opens the view a hash names, on the run as recorded (leaving what was trained on in the page). */
    function applyHash(state) {
      if (page.trainingOn) return;
      page.pause();
      if (!onRecordedRun()) page.backToRun();
      page.goTo(state.step ?? page.position);
      if (state.sample) page.selectSample(state.sample);
    }

    const hashState = new PageKit.HashState({ text: hashText, mayWrite: () => !page.player.playing && onRecordedRun(), read: readHash, apply: applyHash });
    const saveHashSoon = () => hashState.saveSoon();

    Object.assign(page, { readHash, applyHash, hashState, saveHashSoon });
  },
});
