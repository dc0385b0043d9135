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

  /* ---- timeline: year axis, era bands, jump to an era, filters by kind ---- */
  const KINDS = [["agreement", "Agreements"], ["visit", "Visits"], ["event", "Events"]];
  const LABEL = { agreement: "Agreement", visit: "Visit", event: "Event" };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function loadTimeline(box) {
    const root = document.documentElement.dataset.content_root || "";
    if (window.location.protocol === "file:") {  // no fetch from disk: the script copy
      const s = document.createElement("script");
      s.src = box.dataset.script;
      s.onload = () => { if (window.briefingTimelineData) drawTimeline(box, window.briefingTimelineData, root); };
      document.head.appendChild(s);
      return;
    }
    fetch(box.dataset.src).then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then((data) => drawTimeline(box, data, root)).catch(() => {
      box.querySelector(".briefing-tl-fallback-note").textContent =
        "The timeline's data could not be loaded. Each era's chapter lists its facts in date order:";
    });
  }

  function drawTimeline(box, data, root) {
    const facts = data.facts;
    const eras = data.eras.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const byId = Object.fromEntries(eras.map((e) => [e.id, e]));
    const at = facts.map((f) => f.at).concat(eras.flatMap((e) => [e.start, e.end]));
    const lo = Math.floor(Math.min(...at) / 5) * 5, hi = Math.ceil(Math.max(...at) / 5) * 5;
    const pct = (y) => `${((y - lo) / (hi - lo)) * 100}%`;
    const href = (u) => root + u;
    const view = el("div", "briefing-tl-view");

    // controls: jump to an era, filter by kind, contested only
    const controls = el("div", "briefing-tl-controls");
    const jumpLabel = el("label", "", "Jump to era ");
    const jump = el("select");
    jump.id = "briefing-tl-jump";
    jumpLabel.htmlFor = jump.id;
    jump.appendChild(new Option("choose an era…", ""));
    eras.forEach((e) => jump.appendChild(new Option(`${e.title} (${e.date})`, e.id)));
    controls.append(jumpLabel, jump);
    const filters = el("fieldset", "briefing-tl-filters");
    filters.appendChild(el("legend", "", "Show"));
    const boxes = {};
    KINDS.forEach(([kind, name]) => {
      const l = el("label");
      const c = el("input");
      c.type = "checkbox";
      c.checked = true;
      c.value = kind;
      boxes[kind] = c;
      l.append(c, ` ${name}`);
      filters.appendChild(l);
    });
    const cl = el("label");
    const contestedOnly = el("input");
    contestedOnly.type = "checkbox";
    cl.append(contestedOnly, " Contested only");
    filters.appendChild(cl);
    controls.appendChild(filters);
    const status = el("p", "briefing-tl-status");
    status.setAttribute("role", "status");
    controls.appendChild(status);

    // the year axis: era bands, decade ticks, a tick per fact, the part in view
    const axis = el("div", "briefing-tl-axis");
    axis.setAttribute("aria-label", `Years ${lo} to ${hi}: era bands; choose one to jump to it`);
    const bands = el("div", "briefing-tl-bands");
    eras.forEach((e, i) => {
      const b = el("button", `briefing-tl-band briefing-tl-band-${i % 4}${e.within ? " briefing-tl-band-nested" : ""}`);
      b.type = "button";
      b.style.left = pct(e.start);
      b.style.width = `calc(${pct(e.end)} - ${pct(e.start)})`;
      b.title = `${e.title} (${e.date})`;
      b.setAttribute("aria-label", `Jump to ${e.title} (${e.date})`);
      b.appendChild(el("span", "", e.title));
      b.addEventListener("click", () => goTo(e.id));
      bands.appendChild(b);
    });
    const ticks = el("div", "briefing-tl-ticks");
    const step = hi - lo > 60 ? 10 : 5;
    for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) {
      const t = el("span", "briefing-tl-tick", String(y));
      t.style.left = pct(y);
      ticks.appendChild(t);
    }
    const dots = el("div", "briefing-tl-dots");
    dots.setAttribute("aria-hidden", "true");
    const here = el("div", "briefing-tl-here");
    here.setAttribute("aria-hidden", "true");
    dots.appendChild(here);
    const dotOf = {};
    facts.forEach((f) => {
      const d = el("span", `briefing-tl-dot briefing-tl-dot-${f.kind}${f.standing === "contested" ? " briefing-tl-dot-contested" : ""}`);
      d.style.left = pct(f.at);
      dotOf[f.id] = d;
      dots.appendChild(d);
    });
    axis.append(bands, dots, ticks);

    // the cards: one section per era, a year heading where the year changes
    const list = el("div", "briefing-tl-list");
    const groups = eras.map((e) => ({ era: e, facts: [] }));
    const groupOf = Object.fromEntries(groups.map((g) => [g.era.id, g]));
    const outside = { era: null, facts: [] };
    facts.forEach((f) => (groupOf[f.era] || outside).facts.push(f));
    if (outside.facts.length) groups.push(outside);
    const cardOf = {};
    const sections = [];
    groups.forEach((g, gi) => {
      const sec = el("section", `briefing-tl-era briefing-tl-era-${gi % 4}`);
      const h = el("h2", "briefing-tl-era-title");
      h.tabIndex = -1;
      if (g.era) {
        sec.id = `tl-${g.era.id}`;
        const a = el("a", "", g.era.title);
        a.href = href(g.era.url);
        h.append(a, el("span", "briefing-tl-era-date", ` ${g.era.date}`));
        if (g.era.within && byId[g.era.within]) {
          h.appendChild(el("span", "briefing-tl-era-date", ` · within ${byId[g.era.within].title}`));
        }
      } else {
        sec.id = "tl-outside";
        h.textContent = "Outside the eras";
      }
      sec.appendChild(h);
      const none = el("p", "briefing-tl-none", "No fact of this era matches the filters.");
      none.hidden = true;
      sec.appendChild(none);
      const years = el("ol", "briefing-tl-years");
      let year = null, ol = null;
      g.facts.forEach((f) => {
        if (f.year !== year || !ol) {
          year = f.year;
          const y = el("li", "briefing-tl-yeargroup");
          y.appendChild(el("span", "briefing-tl-year", String(year)));
          ol = el("ol", "briefing-tl-cards");
          y.appendChild(ol);
          years.appendChild(y);
        }
        const li = el("li", `briefing-tl-card briefing-tl-${f.kind} briefing-status-${f.standing}`);
        li.dataset.kind = f.kind;
        li.dataset.at = String(f.at);
        const when = el("p", "briefing-tl-when");
        when.appendChild(el("span", `briefing-date${f.date_contested ? " briefing-date-contested" : ""}${f.circa ? " briefing-date-circa" : ""}`, f.date));
        when.append(" · ", el("span", "briefing-kind", LABEL[f.kind] || f.kind));
        const title = el("p", "briefing-tl-title");
        const a = el("a", "", f.title);
        a.href = href(f.url);
        title.appendChild(a);
        const badges = el("p", "briefing-tl-badges");
        badges.appendChild(el("span", `briefing-badge briefing-badge-${f.standing}`, f.standing));
        if (f.single) badges.append(" ", el("span", "briefing-badge briefing-badge-single", "single source"));
        li.append(when, title, badges);
        cardOf[f.id] = li;
        ol.appendChild(li);
      });
      sec.appendChild(years);
      list.appendChild(sec);
      sections.push(sec);
    });

    function apply() {
      let shown = 0;
      facts.forEach((f) => {
        const on = boxes[f.kind] ? boxes[f.kind].checked : true;
        const ok = on && (!contestedOnly.checked || f.standing === "contested");
        cardOf[f.id].hidden = !ok;
        dotOf[f.id].hidden = !ok;
        if (ok) shown++;
      });
      sections.forEach((sec) => {  // a year only where it has shown cards
        let visible = 0;
        sec.querySelectorAll(".briefing-tl-yeargroup").forEach((y) => {
          const n = y.querySelectorAll(".briefing-tl-card:not([hidden])").length;
          y.hidden = n === 0;
          visible += n;
        });
        sec.querySelector(".briefing-tl-none").hidden = visible > 0;
      });
      status.textContent = shown === facts.length ? `${facts.length} facts.` : `${shown} of ${facts.length} facts shown.`;
      position();
    }

    function goTo(id) {
      const sec = document.getElementById(`tl-${id}`);
      if (!sec) return;
      sec.scrollIntoView({ block: "start" });
      sec.querySelector("h2").focus({ preventScroll: true });
      if (history.replaceState) history.replaceState(null, "", `#tl-${id}`);
    }

    // the part of the axis whose cards are in view
    function position() {
      const cards = Object.values(cardOf).filter((c) => !c.hidden);
      const top = axis.getBoundingClientRect().bottom, bottom = window.innerHeight;
      const seen = cards.filter((c) => { const r = c.getBoundingClientRect(); return r.bottom > top && r.top < bottom; });
      if (!seen.length) { here.hidden = true; return; }
      const ys = seen.map((c) => Number(c.dataset.at));
      const a = Math.min(...ys), b = Math.max(...ys);
      here.hidden = false;
      here.style.left = pct(a);
      here.style.width = `max(6px, calc(${pct(b)} - ${pct(a)}))`;
    }

    Object.values(boxes).concat([contestedOnly]).forEach((c) => c.addEventListener("change", apply));
    jump.addEventListener("change", () => { if (jump.value) goTo(jump.value); });
    let pending = false;
    window.addEventListener("scroll", () => {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(() => { pending = false; position(); });
    }, { passive: true });
    window.addEventListener("resize", position);

    view.append(controls, axis, list);
    box.replaceChildren(view);
    box.classList.add("briefing-tl-ready");
    apply();
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.startsWith("tl-") && byId[hash.slice(3)]) goTo(hash.slice(3));
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
    document.querySelectorAll(".briefing-timeline[data-src]").forEach(loadTimeline);
    document.querySelectorAll(".briefing-marker-wrap").forEach((wrap) => {
      const place = () => window.requestAnimationFrame(() => placePop(wrap));
      wrap.addEventListener("mouseenter", place);
      wrap.addEventListener("focusin", place);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
