// The explorer's table of values: a row per value (its name, its op, its data, its grad, the contributions it has received),
// with a field for each leaf that can be changed and a box to tick the leaves a learning step changes; a value's numbers
// are drawn here, in the table and in the picture, and the table follows the current row.
"use strict";
/* global Numbers, PageKit, GraphView */
/* exported ExplorerTable */

const ExplorerTable = Object.freeze({
  /**
   * Makes the rows. Adds to the page: learnBoxes (the leaves' learn boxes), renderValue(id, changed), highlightRows(current,
   * operands), selectRow(before, id) and revealRow(id).
   */
  attach(page) {
    const { full, parse, fixed4, isBad } = Numbers;
    const { $ } = PageKit;
    const { nodes, n, engine, view, isLeaf, editable, leafValue } = page;

    const learnBoxes = [];
    const cells = nodes.map((node) => {
      const row = document.createElement("tr");
      row.setAttribute("role", "row");
      row.id = `row-${node.id}`;
      row.dataset.id = String(node.id);
      const cell = (cls, text) => {
        const td = document.createElement("td");
        td.setAttribute("role", "cell");
        td.className = cls;
        if (text !== undefined) td.textContent = text;
        row.appendChild(td);
        return td;
      };
      // A number and its marks change inside a box of fixed size, so that the table is not laid out again (a 2,000-row
      // table takes 140 ms): the text span sits in a span with `contain: strict`.
      const number = (cls) => {
        const box = document.createElement("span");
        box.className = "v";
        const text = document.createElement("span");
        box.appendChild(text);
        cell(cls).appendChild(box);
        return text;
      };
      const name = cell("name");
      if (editable(node.id)) {
        const box = document.createElement("input");
        box.type = "checkbox";
        box.checked = true;
        box.className = "learn";
        box.title = "Change this leaf in a learning step";
        box.setAttribute("aria-label", `learn ${node.name}`);
        box.dataset.id = String(node.id);
        learnBoxes.push(box);
        name.appendChild(box);
      }
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = node.name;
      name.appendChild(label);
      name.title = node.name;
      cell("op", node.op);
      let data = null;
      let input = null;
      if (!editable(node.id)) {
        data = number("data");
      } else {
        input = document.createElement("input");
        input.type = "text";
        input.spellcheck = false;
        input.inputMode = "decimal";
        input.setAttribute("aria-label", `data of ${node.name}`);
        input.value = full(leafValue[node.id]);
        listenToLeafInput(node.id, input);
        cell("data").appendChild(input);
      }
      const grad = number("grad");
      const count = number("count");
      return { row, name, data, input, grad, count, shown: {} };
    });
    // one row at a time into a fragment, then the fragment at once: append(...rows) passes every row as an argument, and
    // past about 125,000 of them that overflows the call stack
    const fragment = document.createDocumentFragment();
    for (const c of cells) fragment.appendChild(c.row);
    $("rows").appendChild(fragment);
    // The recv column as wide as its longest "received/uses" (a value used 384 times shows "384/384" whole).
    const mostUses = engine.uses.reduce((most, uses) => Math.max(most, uses), 0);
    $("table").style.setProperty("--count-chars", String(Math.max(4, 2 * String(mostUses).length + 1)));

    /** Reads a typed value: applies it, or refuses it, saying why, and puts the leaf's value back in the field. */
    function commit(id, input) {
      const typed = input.value;
      const result = parse(typed);
      if (result.problem !== undefined) {
        input.value = full(leafValue[id]);
        page.showMessage(`“${typed.trim()}” ${result.problem}: ${nodes[id].name} keeps ${full(leafValue[id])}.`);
        return;
      }
      input.value = full(result.value);
      if (!Object.is(result.value, leafValue[id])) page.setLeaves([[id, result.value]]);
    }

    function listenToLeafInput(id, input) {
      // Enter applies the value, Escape puts it back; both hand the keys back to the page.
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          commit(id, input);
          input.blur();
        } else if (event.key === "Escape") {
          input.value = full(leafValue[id]);
          input.blur();
        } else {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
      });
      input.addEventListener("change", () => commit(id, input));
    }

    /** Draws one node's numbers in the table and the picture. */
    function renderValue(id, changed) {
      const known = engine.known(id);
      const data = page.run.data[id];
      const gradShown = engine.gradientsShown;
      const grad = engine.grad[id];
      const dataChanged = changed.data === id;
      const gradChanged = changed.grads.has(id);
      const cell = cells[id];
      if (cell.input) {
        cell.input.classList.toggle("bad", isBad(leafValue[id]));
        if (document.activeElement !== cell.input && cell.input.value !== full(leafValue[id])) cell.input.value = full(leafValue[id]);
      } else {
        const text = isLeaf(nodes[id]) || known ? full(data) : ""; // a leaf that cannot be edited shows its number, as a field would
        GraphView.showText(cell.shown, "data", cell.data, text, { changed: dataChanged, bad: text !== "" && isBad(data) });
      }
      GraphView.showText(cell.shown, "grad", cell.grad, gradShown ? full(grad) : "", { changed: gradChanged, bad: gradShown && isBad(grad) });
      const uses = engine.uses[id];
      const received = engine.received[id];
      GraphView.showText(cell.shown, "count", cell.count, gradShown && uses > 0 ? `${received}/${uses}` : "", { final: received === uses });

      view.setText(id, "data", `data ${known ? fixed4(data) : "?"}`, { changed: dataChanged, bad: known && isBad(data), unknown: !known });
      view.setText(id, "grad", `grad ${gradShown ? fixed4(grad) : "?"}`, { changed: gradChanged, bad: gradShown && isBad(grad), unknown: !gradShown });
    }

    const litRows = { current: -1, operands: [] };

    function highlightRows(current, operands) {
      for (const id of litRows.operands) cells[id].row.classList.remove("operand");
      if (litRows.current >= 0) cells[litRows.current].row.classList.remove("current");
      for (const id of operands) cells[id].row.classList.add("operand");
      if (current >= 0) cells[current].row.classList.add("current");
      litRows.current = current;
      litRows.operands = operands.slice();
    }

    /** Moves the selection's mark from one row to another (-1: none); only those two rows change. */
    function selectRow(before, id) {
      if (before >= 0) cells[before].row.classList.remove("selected");
      if (id >= 0) cells[id].row.classList.add("selected");
    }

    // Following the current row in the table, without reading layout at each step: the rows' positions are read once (every
    // row has the same height) and again only after the table is resized; the scroll position is kept from scroll events.

    const panel = $("values");
    const rowGeometry = { measured: false, top: 0, height: 0, header: 0, view: 0, scroll: 0 };
    panel.addEventListener("scroll", () => { rowGeometry.scroll = panel.scrollTop; }, { passive: true });
    new ResizeObserver(() => { rowGeometry.measured = false; }).observe(panel);

    function measureRows() {
      const table = $("table");
      const first = cells[0].row;
      rowGeometry.top = table.offsetTop + first.offsetTop;
      rowGeometry.height = n > 1 ? (cells[n - 1].row.offsetTop - first.offsetTop) / (n - 1) : first.offsetHeight;
      rowGeometry.header = table.tHead.offsetHeight;
      rowGeometry.view = panel.clientHeight;
      rowGeometry.scroll = panel.scrollTop;
      rowGeometry.measured = true;
    }

    function revealRow(id) {
      if (!rowGeometry.measured) measureRows();
      const g = rowGeometry;
      const top = g.top + id * g.height;
      if (top >= g.scroll + g.header && top + g.height <= g.scroll + g.view) return;
      g.scroll = Math.max(0, Math.round(top - g.view / 2));
      panel.scrollTop = g.scroll;
    }

    Object.assign(page, { learnBoxes, renderValue, highlightRows, selectRow, revealRow });
  },
});
