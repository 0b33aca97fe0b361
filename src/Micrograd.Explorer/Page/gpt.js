// The GPT page's controller: reads the recorded run, moves over its steps 0 … steps (slider, keys, play, chart), and at
// each draws the timeline's marker, the step's numbers, the sampled names up to it, the typed name through the model with
// the weights after that step (with its residual stream's size), names sampled from them, and the token embeddings'
// principal components. The weights come from GptReplay.seek: one step forward costs one replayed step; back, or past a
// checkpoint, restores the checkpoint before and replays from it. A long replay works ~12 ms at a time so the page keeps
// answering (the model panels wait, marked busy), and a newer move replaces it. The page's state is window.gpt
// (position: the step chosen; shown: the step whose model is drawn); its view (step, name, sampling seed and
// temperature) is kept in the URL's #hash.
"use strict";
/* global Numbers, PageKit, Player, GptRun, GptReplay, GptModel, GptRandom, GptChart, GptNameView, GptStreamView, GptEmbeddings, GptProof, GptBackprop, GptControls */

(() => {
  const { $ } = PageKit;
  const data = JSON.parse($("run-data").textContent);
  const run = new GptRun(data);
  const replay = new GptReplay(data);
  const model = new GptModel(run.model);
  const speeds = [1, 2, 5, 10, 20, 50, 100];
  const page = { run, model, replay, position: 0, shown: -1, weights: null, timer: null, name: "", tokens: null, chosen: 0, result: null, hash: "", seed: String(run.seed) };

  const chart = new GptChart($("chart"), run, { onPick: (steps) => { pause(); goTo(steps); } });
  const view = new GptNameView(run, { onChoose: (p) => choose(p) });
  const stream = new GptStreamView(run);
  const embeddings = new GptEmbeddings($("embeddings"), run, model.offsets.get("wte"));

  const n = (x) => x.toLocaleString("en-US");

  function showNumbers() {
    const step = page.shown;
    const list = $("numbers");
    list.replaceChildren();
    const add = (term, text, key) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = text;
      dd.dataset.key = key;
      list.append(dt, dd);
    };
    add("model", step === 0 ? "the initial weights, before any step" : `after ${n(step)} of ${n(run.steps)} steps`, "model");
    if (step < run.steps) {
      const doc = run.documents[step];
      const loss = run.losses[step];
      const mine = model.run(page.weights, run.encode(doc).tokens).loss;
      const mark = GptProof.same(mine, loss) ? " ✓" : ` ≠ the page's ${Numbers.full(mine)}`;
      add(`step ${n(step + 1)}'s loss, on “${doc}”`, `${Numbers.full(loss)}${mark}`, "loss");
      add(`step ${n(step + 1)}'s learning rate`, Numbers.full(run.rates[step]), "rate");
    } else {
      add("the last step's loss", Numbers.full(run.losses[run.steps - 1]), "loss");
    }
  }

  function showSamples() {
    const step = page.position;
    let current = -1;
    run.samples.forEach((s, k) => { if (s.step <= step) current = k; });
    for (const row of $("sample-rows").children) {
      const here = Number(row.dataset.index) === current;
      row.classList.toggle("current", here);
      if (here) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    }
  }

  function showName() {
    if (page.tokens === null || page.weights === null) return;
    page.result = model.run(page.weights, page.tokens);
    page.chosen = Math.min(page.chosen, page.result.positions.length - 1);
    showResult();
  }

  function showResult() {
    view.show(page.result, page.tokens, page.chosen);
    stream.show(page.result, page.tokens, page.chosen);
  }

  /**
   * Names drawn in the page from the weights shown, as `micrograd gpt sample` draws them from a model file holding
   * those weights: Python's random seeded with the seed field, at the slider's temperature. A seed that is not an integer
   * from 0 to 2,147,483,647 (the command's range) or a count outside 1 … 20 is refused with a message.
   */
  function showDrawn() {
    const seedText = $("draw-seed").value.trim();
    const countText = $("draw-count").value.trim();
    const temperature = Number($("draw-temperature").value);
    $("draw-temperature-value").textContent = Numbers.full(temperature);
    const seedOk = /^\d{1,10}$/.test(seedText) && Number(seedText) <= 2147483647;
    const countOk = /^\d{1,2}$/.test(countText) && Number(countText) >= 1 && Number(countText) <= 20;
    $("draw-seed").classList.toggle("bad", !seedOk);
    $("draw-count").classList.toggle("bad", !countOk);
    let problem = "";
    let names = [];
    if (seedOk) page.seed = seedText;
    if (!seedOk) problem = "The seed must be a whole number from 0 to 2,147,483,647.";
    else if (!countOk) problem = "The number of names must be from 1 to 20.";
    else if (page.weights !== null) {
      const seed = Number(seedText);
      const random = new GptRandom(seed);
      const w = page.weights;
      try {
        for (let k = 0; k < Number(countText); k++) names.push(model.sample(w, random, temperature, run.bos).map((t) => run.characters[t]).join(""));
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        names = [];
        problem = `cannot sample: at temperature ${Numbers.full(temperature)} the next character's probabilities are not finite numbers`;
      }
      const step = page.shown;
      $("draw-about").textContent = `Drawn in the page from the model after ${n(step)} steps: the names \`micrograd gpt sample --seed ${seed} --temperature ${Numbers.full(temperature)} --samples ${countText}\` draws from a model file of these weights.`;
    }
    $("draw-problem").textContent = problem;
    page.drawn = names;
    const list = $("draw-names");
    list.replaceChildren();
    for (const name of names) {
      const item = document.createElement("li");
      item.textContent = name === "" ? "(empty)" : name;
      list.append(item);
    }
    hash.saveSoon();
  }

  /** The controls, the chart's marker and the sampled names for the step chosen; then the model, once it is rebuilt. */
  function draw() {
    const step = page.position;
    $("position").value = String(step);
    $("position").setAttribute("aria-valuetext", `${n(step)} of ${n(run.steps)} steps`);
    $("play-icon").textContent = player.playing ? "⏸" : "▶";
    $("play-word").textContent = player.playing ? " Pause" : " Play";
    $("play").setAttribute("aria-pressed", String(player.playing));
    chart.setStep(step);
    chart.draw();
    showSamples();
    rebuild();
    if (!player.playing) hash.saveSoon();
  }

  /** Replays toward the step chosen for up to 12 ms, then lets the page answer and goes on (a newer move takes over). */
  function rebuild() {
    if (page.timer !== null) clearTimeout(page.timer);
    page.timer = null;
    const step = page.position;
    const weights = page.shown === step ? page.weights : replay.seek(step, performance.now() + 12);
    if (weights === null) {
      page.weights = null; // the working array is part way: nothing is drawn from it until it is there
      page.shown = -1;
      $("progress").textContent = `step ${n(step)} of ${n(run.steps)}: rebuilding the weights, ${n(step - replay.step)} steps to replay…`;
      $("model").setAttribute("aria-busy", "true");
      page.timer = setTimeout(rebuild, 0);
      return;
    }
    $("progress").textContent = `step ${n(step)} of ${n(run.steps)}`;
    $("model").removeAttribute("aria-busy");
    page.weights = weights;
    page.shown = step;
    showNumbers();
    showName();
    showDrawn();
    page.embedding = embeddings.show(weights, step);
    page.showBackprop();
  }

  function goTo(step) {
    page.position = Math.max(0, Math.min(run.steps, Math.round(step)));
    if (player.playing && page.position === run.steps) player.pause();
    draw();
  }

  function choose(p) {
    if (page.result === null) return;
    page.chosen = Math.max(0, Math.min(page.result.positions.length - 1, p));
    showResult();
  }

  /** A typed name: drawn through the model if the vocabulary has its characters, else refused with a message. */
  function setName(text) {
    const encoded = run.encode(text);
    const field = $("name");
    if (encoded.problem) {
      field.classList.add("bad");
      field.setAttribute("aria-invalid", "true");
      $("name-problem").textContent = encoded.problem;
      return false;
    }
    field.classList.remove("bad");
    field.removeAttribute("aria-invalid");
    $("name-problem").textContent = "";
    page.name = text;
    page.tokens = encoded.tokens;
    showName();
    hash.saveSoon();
    return true;
  }

  function toggleSmooth() {
    chart.setSmooth(!chart.smooth);
    $("smooth").setAttribute("aria-pressed", String(chart.smooth));
    chart.draw();
  }

  const player = new Player({
    position: () => page.position,
    atEnd: () => page.position >= run.steps,
    speed: () => speeds[Number($("speed").value)],
    goTo,
    begin: () => { page.position = 0; },
    draw,
  });
  const pause = () => { if (player.playing) { player.pause(); draw(); } };
  const togglePlay = () => player.toggle();
  function showSpeed() {
    $("speed-number").textContent = String(speeds[Number($("speed").value)]);
    player.restartClock();
  }

  /**
   * #step=S&name=TEXT&seed=N&temperature=T: the model after S steps (past the run's end: its end), the name, and the sampling's seed
   * (0 … 2,147,483,647) and temperature (0.05 … 2, the slider's range); anything else, or out of range, is ignored.
   */
  function readHash(text) {
    const items = PageKit.hashItems(text);
    if (items === null) return null;
    const state = {};
    for (const [key, value] of items) {
      if (key === "step" && /^\d{1,9}$/.test(value)) state.position = Math.min(run.steps, Number(value));
      if (key === "name" && value.length <= 64) state.name = value;
      if (key === "seed" && /^\d{1,10}$/.test(value) && Number(value) <= 2147483647) state.seed = String(Number(value));
      if (key === "temperature" && /^\d(\.\d{1,4})?$/.test(value) && Number(value) >= 0.05 && Number(value) <= 2) state.temperature = value;
    }
    return state;
  }
  function applyHash(state) {
    if (state.name !== undefined && run.encode(state.name).tokens) {
      $("name").value = state.name;
      setName(state.name);
    }
    if (state.seed !== undefined) $("draw-seed").value = state.seed;
    if (state.temperature !== undefined) $("draw-temperature").value = state.temperature;
    if (state.position !== undefined) goTo(state.position);
    else if (state.seed !== undefined || state.temperature !== undefined) showDrawn();
  }
  const hash = new PageKit.HashState({
    text: () => `step=${page.position}&name=${encodeURIComponent(page.name)}&seed=${page.seed}&temperature=${$("draw-temperature").value}`,
    mayWrite: () => !player.playing,
    read: readHash,
    apply: applyHash,
  });

  // The parts that never change: the slider's range, the sampled names, the names to pick from, the notes.
  $("position").max = String(run.steps);
  for (const [k, s] of run.samples.entries()) {
    const row = document.createElement("tr");
    row.dataset.index = String(k);
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = n(s.step);
    const td = document.createElement("td");
    td.textContent = s.names.join(", ");
    row.append(th, td);
    $("sample-rows").append(row);
  }
  $("samples-about").textContent = `${run.samples[0].names.length} names at each, drawn by the engine from the model at that step, from Python's random seeded with ${run.seed}, temperature ${Numbers.full(run.temperature)}.`;
  $("thinning").textContent = run.interval === 1
    ? `The weights are stored after every step (${n(run.count)} checkpoints).`
    : `The weights are stored, with Adam's moments, every ${n(run.interval)} steps (${n(run.count)} checkpoints, the last after step ${n(run.steps)}), thinned to keep the page small; at any other step the page rebuilds them, bit for bit, by taking the steps again from the checkpoint before it as the engine took them (at most ${n(run.interval - 1)} steps), so every step's model is shown.`;
  $("chart-legend").textContent = `loss (blue), its mean over ${n(chart.window)} steps (dark), learning rate (dashed, right axis)`;
  const pick = $("pick");
  const none = document.createElement("option");
  none.value = "";
  none.textContent = "—";
  pick.append(none);
  for (const d of [...new Set(run.checkpointDocuments.filter((d) => d !== null))].sort()) {
    const option = document.createElement("option");
    option.value = d;
    option.textContent = d;
    pick.append(option);
  }

  $("draw-seed").value = String(run.seed);
  $("draw-temperature").value = String(run.temperature);
  for (const id of ["draw-seed", "draw-temperature", "draw-count"]) $(id).addEventListener("input", showDrawn);

  Object.assign(page, { goTo, pause, togglePlay, showSpeed, setName, choose, toggleSmooth, player, showDrawn });
  GptProof.attach(page);
  GptBackprop.attach(page, data);
  GptControls.attach(page);
  window.gpt = page;

  showSpeed();
  const first = run.documents.find((d) => run.encode(d).tokens) || "";
  $("name").value = first;
  setName(first);
  const opened = readHash(location.hash);
  if (opened) applyHash(opened);
  draw();
  page.runProof();
})();
