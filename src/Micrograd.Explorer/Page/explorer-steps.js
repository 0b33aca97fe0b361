// The explorer's steps: drawing a step (only the values the move changed, the highlight, the explanation and the
// controls), going to a step, and play, pause and speed. Play keeps to the clock: when drawing falls behind, the next draw
// catches up by several steps.
"use strict";
/* global PageKit, GraphPasses, Explanation, ChainPicture, Player */
/* exported ExplorerSteps */

const ExplorerSteps = Object.freeze({
  /** Adds to the page: render(dirty), setStep(s), player, pause(), togglePlay() and showSpeed(). */
  attach(page) {
    const { $ } = PageKit;
    const { graph, nodes, n, root, engine, view, explanation } = page;
    const speeds = [0.5, 1, 2, 4, 8, 16, 60];

    /** The nodes a step marks as just changed: its node going forward; its receivers (and the root at its own step) going back. */
    function changedBy(step) {
      if (!step) return { data: -1, grads: new Set() };
      if (step.phase === "forward") return { data: step.id, grads: new Set() };
      const grads = new Set(engine.changesOf(step).map((e) => e.to));
      if (step.id === root) grads.add(root);
      return { data: -1, grads };
    }

    function renderExplanation() {
      const { heading, lines } = explanation.at(engine, page.run, (id) => view.shownAs(id) >= 0 || !view.svg);
      $("phase").textContent = heading;
      $("lines").replaceChildren(...lines.map(Explanation.item));
      // The chain rule on the picture: the edges labelled, and the step in one sentence under it.
      const step = engine.current;
      const backward = Boolean(step && step.phase === "backward");
      page.edgeLabels.show(backward ? step.id : -1, backward ? engine.changesOf(step).filter((e) => !e.hook) : null);
      const said = ChainPicture.sentence(graph, page.run, engine, page.chain);
      $("sentence").textContent = said.text;
      $("sentence").title = said.aliases.join("\n");
    }

    /** Draws the step the engine is at: every value (dirty is GraphPasses.ALL), or those in dirty and those the move marked. */
    function render(dirty) {
      const step = engine.current;
      const changed = changedBy(step);
      if (dirty === GraphPasses.ALL) {
        for (let id = 0; id < n; id++) page.renderValue(id, changed);
      } else {
        const touched = new Set(dirty);
        const before = changedBy(page.lastStep);
        if (before.data >= 0) touched.add(before.data);
        if (changed.data >= 0) touched.add(changed.data);
        for (const id of before.grads) touched.add(id);
        for (const id of changed.grads) touched.add(id);
        for (const id of touched) page.renderValue(id, changed);
      }
      page.lastStep = step;
      const current = step ? step.id : -1;
      const operands = step ? nodes[step.id].operands : [];
      page.highlightRows(current, operands);
      view.highlight(current, operands, Boolean(step && step.phase === "backward"));
      renderExplanation();
      renderControls();
      if (current >= 0) {
        view.frame(current, operands);
        page.revealRow(current);
      }
      page.saveHashSoon();
    }

    function renderControls() {
      const end = engine.length;
      const s = engine.position;
      $("back").disabled = s === 0;
      $("reset").disabled = s === 0;
      $("step").disabled = s === end;
      $("end").disabled = s === end;
      $("play").textContent = player.playing ? "⏸ Pause" : "▶ Play";
      $("play").setAttribute("aria-pressed", String(player.playing));
      const phase = engine.phase;
      document.body.dataset.phase = phase;
      document.body.dataset.step = String(s);
      document.body.dataset.playing = String(player.playing);
      $("progress").textContent = `step ${s} / ${end} · ${phase}`;
      $("mini-progress").textContent = `${s} / ${end}`;
      $("mini-back").disabled = s === 0;
      $("mini-step").disabled = s === end;
      $("position").max = String(end);
      $("position").value = String(s);
    }

    function setStep(s) {
      const dirty = engine.goTo(s);
      if (engine.position === engine.length) pause();
      page.clearMessage();
      render(dirty);
    }

    const speed = () => speeds[Number($("speed").value)];
    const player = new Player({
      position: () => engine.position,
      atEnd: () => engine.position === engine.length,
      speed,
      goTo: (s) => setStep(s),
      begin: () => engine.goTo(0),
      draw: (dirty) => render(dirty === undefined ? new Set() : dirty),
    });
    const pause = () => player.pause();
    const togglePlay = () => { if (engine.length > 0 || player.playing) player.toggle(); };

    function showSpeed() {
      const s = speed();
      $("speed-value").textContent = `${s} step${s === 1 ? "" : "s"}/s`;
      player.restartClock();
    }

    Object.assign(page, { render, setStep, player, pause, togglePlay, showSpeed });
  },
});
