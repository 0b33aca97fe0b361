// The explorer's state in the URL's #hash: step=12&dir=TB&skip=1&n3=2 (n3: the leaf with id 3, as in the picture), so that a
// link opens the same view. Written shortly after a change, and not while playing. A graph typed in the page comes first:
// expr=x**2&at=1.5 (explorer-typed.js); a hash with another expression (or none, after one) reloads the page, which opens
// with that expression's graph (or the one it holds).
"use strict";
/* global Numbers, PageKit, GraphPasses */
/* exported ExplorerHash */

const ExplorerHash = Object.freeze({
  /** Adds to the page: readHash(text), applyHash(state), hashState and saveHashSoon(). */
  attach(page) {
    const { full, parse } = Numbers;
    const { $ } = PageKit;
    const { nodes, n, engine, view, isLeaf, editable, original, leafValue } = page;

    function hashText() {
      const typed = page.graph.typed ? [`expr=${encodeURIComponent(page.graph.title)}`, `at=${page.graph.point.map((id) => encodeURIComponent(full(original[id]))).join(",")}`] : [];
      const parts = [...typed, `step=${engine.position}`, `dir=${view.direction}`];
      if (engine.skipLeaves) parts.push("skip=1");
      if (page.selected >= 0) parts.push(`select=${page.selected}`);
      for (const id of page.editedLeaves()) parts.push(`n${id}=${encodeURIComponent(full(leafValue[id]))}`);
      return parts.join("&");
    }

    /** Reads a hash; returns null when it has nothing for this page, or is malformed (then it is ignored as a whole). */
    function readHash(text) {
      const items = PageKit.hashItems(text);
      if (items === null) return null;
      const state = { values: [] };
      let known = false;
      for (const [key, value] of items) {
        known ||= /^(n\d+|step|dir|skip|select|expr)$/.test(key);
        const leaf = /^n(\d+)$/.exec(key);
        if (leaf && Number(leaf[1]) < n && editable(Number(leaf[1]))) {
          const parsed = parse(value);
          if (parsed.problem === undefined) state.values.push([Number(leaf[1]), parsed.value]);
        } else if (key === "step" && /^\d+$/.test(value)) {
          state.step = Number(value);
        } else if (key === "dir" && view.directions.includes(value)) {
          state.direction = value;
        } else if (key === "skip") {
          state.skip = value === "1";
        } else if (key === "select" && /^\d+$/.test(value) && Number(value) < n) {
          state.select = Number(value);
        } else if (key === "expr" && state.expr === undefined) {
          state.expr = value; // the first, as explorer-typed.js reads it (else the page would reload forever)
        }
      }
      return known ? state : null;
    }

    function applyHash(state) {
      // another expression than the one the page opened with (or none after one), such as a link pasted or Back: its graph
      if ((state.expr ?? null) !== page.typed.text) {
        location.reload();
        return;
      }
      page.pause();
      if (state.values.length > 0 || page.editedLeaves().length > 0) {
        const values = new Map(nodes.filter((node) => isLeaf(node)).map((node) => [node.id, original[node.id]]));
        for (const [id, value] of state.values) values.set(id, value);
        page.setLeaves([...values]);
      }
      if (state.skip !== undefined) {
        engine.setSkipLeaves(state.skip);
        $("skip-leaves").checked = state.skip;
      }
      if (state.direction && state.direction !== view.direction) page.setDirection(state.direction);
      if (state.select !== undefined) page.select(state.select);
      engine.goTo(state.step ?? 0);
      page.render(GraphPasses.ALL);
      const current = engine.current;
      if (current) view.reveal(current.id);
    }

    const hashState = new PageKit.HashState({ text: hashText, mayWrite: () => !page.player.playing, read: readHash, apply: applyHash });
    const saveHashSoon = () => hashState.saveSoon();

    Object.assign(page, { readHash, applyHash, hashState, saveHashSoon });
  },
});
