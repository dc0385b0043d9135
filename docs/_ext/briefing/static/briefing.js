/* The briefing book's page behaviour: sortable and filterable registers, "cite this",
   clean search snippets. No network request beyond the site's own files; the pages
   read fine without it. */
"use strict";

(function () {
  /* ---- registers: sort by any column, filter by text ---- */
  function cellText(row, i) {
    const cell = row.cells[i];
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function compare(a, b, numeric) {
    if (numeric) return (parseFloat(a) || 0) - (parseFloat(b) || 0);
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function setupRegister(wrap) {
    const table = wrap.querySelector("table");
    if (!table || !table.tBodies.length) return;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.forEach((row, i) => { row.dataset.order = String(i); });
    const heads = Array.from(table.tHead ? table.tHead.rows[0].cells : []);
    const names = heads.map((th) => th.textContent.trim());
    rows.forEach((row) => {
      Array.from(row.cells).forEach((cell, i) => { cell.dataset.label = names[i] || ""; });
    });
    const numeric = names.map((_, i) => rows.every((r) => /^\d+$/.test(cellText(r, i))));
    const status = document.createElement("p");
    status.className = "briefing-register-status";
    status.setAttribute("role", "status");

    let sorted = { col: 0, dir: 1 };
    function sort(col, dir) {
      const keyed = rows.map((r) => [r, cellText(r, col)]);
      keyed.sort((x, y) => {
        // the date column sorts by book order (dates of unequal precision)
        const c = col === 0 ? Number(x[0].dataset.order) - Number(y[0].dataset.order)
          : compare(x[1], y[1], numeric[col]);
        return dir * c || Number(x[0].dataset.order) - Number(y[0].dataset.order);
      });
      keyed.forEach(([r]) => body.appendChild(r));
      heads.forEach((th, i) => {
        th.setAttribute("aria-sort", i === col ? (dir > 0 ? "ascending" : "descending") : "none");
      });
      sorted = { col, dir };
      status.textContent = `Sorted by ${names[col]}, ${dir > 0 ? "ascending" : "descending"}. ` + countText();
    }

    heads.forEach((th, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "briefing-sort";
      button.textContent = names[i];
      button.title = `Sort by ${names[i]}`;
      button.addEventListener("click", () => {
        sort(i, sorted.col === i ? -sorted.dir : 1);
      });
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", i === 0 ? "ascending" : "none");
    });

    const tools = document.createElement("div");
    tools.className = "briefing-register-filter";
    const label = document.createElement("label");
    const id = `filter-${wrap.dataset.register || "register"}`;
    label.htmlFor = id;
    label.textContent = "Filter: ";
    const input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = "any word, name or year";
    input.autocomplete = "off";
    tools.append(label, input, status);
    let before = table;
    while (before.parentNode !== wrap) before = before.parentNode;
    wrap.insertBefore(tools, before);

    function countText() {
      const shown = rows.filter((r) => !r.hidden).length;
      return shown === rows.length ? `${rows.length} rows.` : `${shown} of ${rows.length} rows match.`;
    }
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach((r) => {
        const t = r.textContent.toLowerCase();
        r.hidden = !words.every((w) => t.includes(w));
      });
      status.textContent = countText();
    });
    status.textContent = countText();
  }

  /* ---- cite this: the address made absolute, and a copy button ---- */
  function setupCite(box) {
    const url = box.querySelector(".briefing-cite-url");
    if (url && !/^[a-z]+:/.test(url.textContent)) {
      const root = document.documentElement.dataset.content_root || "";
      url.textContent = new URL(root + url.textContent, window.location.href).href;
    }
    const text = box.querySelector(".briefing-cite-text");
    if (!text || !navigator.clipboard) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "briefing-copy";
    button.textContent = "Copy citation";
    button.addEventListener("click", () => {
      const all = Array.from(box.querySelectorAll("p")).map((p) => p.textContent.trim());
      navigator.clipboard.writeText(all.join("\n")).then(
        () => { button.textContent = "Copied"; },
        () => { button.textContent = "Copy failed: select the text"; },
      );
    });
    box.appendChild(button);
  }

  /* ---- source pages: keep a marker's list of facts inside the window ---- */
  function placePop(wrap) {
    const pop = wrap.querySelector(".briefing-pop");
    if (!pop || getComputedStyle(pop).position === "fixed") return;
    pop.style.left = "0px";
    const r = pop.getBoundingClientRect();
    const room = document.documentElement.clientWidth - 12;
    const box = wrap.closest("article") || document.body;
    const limit = Math.min(room, box.getBoundingClientRect().right);
    if (r.right > limit) pop.style.left = `${Math.round(limit - r.right)}px`;
  }

  /* ---- search: snippets without badges, link lists or controls ---- */
  function patchSearch() {
    if (typeof Search === "undefined" || Search.briefingPatched) return;
    const original = Search.htmlToText;
    Search.htmlToText = function (html, anchor) {
      const doc = new DOMParser().parseFromString(html, "text/html");
      doc.querySelectorAll(".no-search").forEach((el) => el.remove());
      return original(doc.documentElement.outerHTML, anchor);
    };
    Search.briefingPatched = true;
  }
  patchSearch();

  function ready() {
    patchSearch();
    document.querySelectorAll(".briefing-register-wrap").forEach(setupRegister);
    document.querySelectorAll(".briefing-cite").forEach(setupCite);
    document.querySelectorAll(".briefing-marker-wrap").forEach((wrap) => {
      const place = () => window.requestAnimationFrame(() => placePop(wrap));
      wrap.addEventListener("mouseenter", place);
      wrap.addEventListener("focusin", place);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
