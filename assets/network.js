// unkg network viewer: a canvas drawing of the citation network with pan, zoom, search,
// node details, colouring by organ or series, filters by year and relation, a legend, a time
// axis and the symbols of the most cited resolutions. The data is the global NETWORK, written
// into the page by `unkg network --format html`.
(function () {
  "use strict";
  const data = NETWORK;
  const canvas = document.getElementById("canvas");
  const ctx = canvas.getContext("2d");
  const info = document.getElementById("info");
  const status = document.getElementById("status");
  const legend = document.getElementById("legend");
  const organNames = { GA: "General Assembly", SC: "Security Council", HRC: "Human Rights Council", ECOSOC: "Economic and Social Council", WHA: "World Health Assembly" };
  const organColours = { GA: "#3182bd", SC: "#e6550d", HRC: "#31a354", ECOSOC: "#756bb1", WHA: "#636363" };
  const relationColours = { recalls: "#6baed6", reaffirms: "#fd8d3c", takesNoteOf: "#74c476", welcomes: "#9e9ac8", guidedBy: "#bcbddc", cites: "#cccccc" };
  // The axes scale apart (sx, sy), so that the layout fills the canvas.
  let view = { x: 0, y: 0, sx: 1, sy: 1 };
  const colourSelect = document.getElementById("colour");
  colourSelect.value = colourSelect.dataset.initial || "organ";
  let colourBy = colourSelect.value;
  let selected = -1;
  let drawn = 0;
  const cites = data.nodes.map(() => []);
  const citedBy = data.nodes.map(() => []);
  data.edges.forEach(([s, t, r]) => { cites[s].push([t, r]); citedBy[t].push([s, r]); });
  // The most cited first: they get their symbols written beside them.
  const byCitations = data.nodes.map((_, i) => i).filter(i => data.nodes[i].inDegree > 0)
    .sort((a, b) => data.nodes[b].inDegree - data.nodes[a].inDegree);
  const LABELLED = 25;

  function seriesColour(i) {
    const s = data.nodes[i].series;
    if (s === null) return "#bbbbbb";
    const hue = (s * 137.508) % 360;
    return "hsl(" + hue + ",65%,45%)";
  }
  // Red for a resolution carried by half the votes cast or less, through yellow, to green for
  // one carried by all (as `unkg network --color vote` fills Graphviz nodes).
  function voteColour(share) {
    return "hsl(" + Math.round(Math.min(1, Math.max(0, (share - 0.5) * 2)) * 120) + ",70%,45%)";
  }
  function colour(i) {
    const n = data.nodes[i];
    if (colourBy === "vote") return n.yesShare === null ? "#d9d9d9" : voteColour(n.yesShare);
    if (!n.ingested) return "#d9d9d9";
    return colourBy === "organ" ? (organColours[n.organ] || "#888") : seriesColour(i);
  }
  function radius(i) { return 2.5 + 2 * Math.log(1 + data.nodes[i].inDegree); }
  function visible(i) {
    const n = data.nodes[i];
    const from = parseInt(document.getElementById("from").value, 10);
    const to = parseInt(document.getElementById("to").value, 10);
    return n.year === null || ((isNaN(from) || n.year >= from) && (isNaN(to) || n.year <= to));
  }
  function relationShown(r) { const box = document.getElementById("rel-" + r); return !box || box.checked; }
  function toScreen(n) { return [(n.x - view.x) * view.sx + canvas.width / 2, (n.y - view.y) * view.sy + canvas.height / 2]; }

  function fit() {
    if (data.nodes.length === 0) return;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    data.nodes.forEach(n => { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); });
    view.x = (x0 + x1) / 2; view.y = (y0 + y1) / 2;
    // Room at the top for the time axis and at the right for labels.
    view.sx = 0.86 * canvas.width / Math.max(10, x1 - x0);
    view.sy = 0.84 * canvas.height / Math.max(1, y1 - y0);
    view.y -= 0.03 * canvas.height / view.sy;
  }
  function resize() {
    canvas.width = canvas.clientWidth * (window.devicePixelRatio || 1);
    canvas.height = canvas.clientHeight * (window.devicePixelRatio || 1);
  }
  function drawAxis() {
    // Years along the top, as many as fit.
    const yearWidth = 10 * view.sx;
    const step = [1, 2, 5, 10, 20, 50].find(s => s * yearWidth > 60) || 100;
    const firstYear = Math.floor((view.x - canvas.width / 2 / view.sx) / 10 / step) * step;
    ctx.fillStyle = "#555"; ctx.strokeStyle = "#eee"; ctx.font = "11px sans-serif"; ctx.lineWidth = 1;
    for (let year = firstYear; ; year += step) {
      const x = (year * 10 - view.x) * view.sx + canvas.width / 2;
      if (x > canvas.width) break;
      ctx.beginPath(); ctx.moveTo(x, 16); ctx.lineTo(x, canvas.height); ctx.stroke();
      ctx.fillText(String(year), x + 2, 12);
    }
    // The organ bands below the series.
    (data.bands || []).forEach(b => {
      const y = (b.y - view.y) * view.sy + canvas.height / 2;
      ctx.strokeStyle = "#ccc"; ctx.beginPath(); ctx.moveTo(0, y - 4); ctx.lineTo(canvas.width, y - 4); ctx.stroke();
      ctx.fillStyle = "#555"; ctx.fillText(organNames[b.organ] || b.organ || "other", 4, y + 8);
    });
  }
  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    drawAxis();
    ctx.lineWidth = 0.6;
    data.edges.forEach(([s, t, r]) => {
      if (!visible(s) || !visible(t) || !relationShown(r)) return;
      const [x1, y1] = toScreen(data.nodes[s]), [x2, y2] = toScreen(data.nodes[t]);
      const near = selected === s || selected === t;
      ctx.strokeStyle = near ? "#000" : (relationColours[r] || "#ccc");
      ctx.globalAlpha = near ? 0.9 : 0.35;
      ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
    });
    ctx.globalAlpha = 1;
    drawn = 0;
    const onScreen = (x, y) => x >= -20 && y >= -20 && x <= canvas.width + 20 && y <= canvas.height + 20;
    let [left, right, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
    data.nodes.forEach((n, i) => {
      if (!visible(i)) return;
      const [x, y] = toScreen(n);
      if (!onScreen(x, y)) return;
      drawn++;
      left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
      ctx.fillStyle = colour(i);
      ctx.beginPath(); ctx.arc(x, y, radius(i) * (i === selected ? 2 : 1), 0, 2 * Math.PI); ctx.fill();
    });
    // Symbols: the selected one, the most cited in view, and every one once zoomed in to a
    // few years; a label that would overlap one already written is left out.
    const zoomedIn = 10 * view.sx * 8 > canvas.width;
    const candidates = [selected].concat(zoomedIn ? data.nodes.map((_, i) => i) : byCitations.slice(0, LABELLED));
    const written = [];
    ctx.font = "11px sans-serif";
    candidates.forEach(i => {
      if (i < 0 || !visible(i)) return;
      const [x, y] = toScreen(data.nodes[i]);
      if (!onScreen(x, y)) return;
      const text = data.nodes[i].symbol, w = ctx.measureText(text).width + 4;
      // Above right, below right, above left, below left: the first place that is free.
      const free = b => !written.some(o => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
      const places = [[x + 5, y - 16], [x + 5, y + 2], [x - 5 - w, y - 16], [x - 5 - w, y + 2]]
        .map(([l, t]) => [l, t, l + w, t + 14]);
      const box = places.find(free) || (i === selected ? places[0] : null);
      if (!box) return;
      written.push(box);
      ctx.fillStyle = "rgba(255,255,255,.8)"; ctx.fillRect(box[0], box[1], w, 14);
      ctx.fillStyle = "#000"; ctx.fillText(text, box[0] + 2, box[1] + 11);
    });
    status.dataset.drawn = drawn;
    status.dataset.labels = written.length;
    // How much of the canvas the drawing spans, in per cent of each side.
    status.dataset.spanX = drawn ? Math.round(100 * (right - left) / canvas.width) : 0;
    status.dataset.spanY = drawn ? Math.round(100 * (bottom - top) / canvas.height) : 0;
    status.textContent = drawn + " of " + data.nodes.length + " resolutions drawn";
  }
  function drawLegend() {
    const dot = (c, label, line) => "<div><span class=\"" + (line ? "line" : "") + "\" style=\"background:" + c + "\"></span>" + escapeHtml(label) + "</div>";
    let entries = [];
    if (colourBy === "organ") {
      const present = new Set(data.nodes.filter(n => n.ingested).map(n => n.organ));
      entries = Object.keys(organColours).filter(o => present.has(o)).map(o => dot(organColours[o], organNames[o] || o));
    } else if (colourBy === "vote") {
      entries = [[1, "adopted by all who voted"], [0.83, "by five in six"], [0.67, "by two in three"], [0.5, "by half or less"]]
        .map(([share, label]) => dot(voteColour(share), label));
      entries.push(dot("#d9d9d9", "no recorded vote"));
    } else {
      // The largest series, by their first resolution.
      const sizes = data.series.map(() => 0);
      data.nodes.forEach(n => { if (n.series !== null) sizes[n.series]++; });
      const largest = sizes.map((n, s) => [n, s]).sort((a, b) => b[0] - a[0]).slice(0, 8);
      entries = largest.map(([n, s]) => dot("hsl(" + (s * 137.508) % 360 + ",65%,45%)", "series of " + data.series[s] + " (" + n + ")"));
      entries.push(dot("#bbbbbb", "in no series"));
    }
    if (colourBy !== "vote") entries.push(dot("#d9d9d9", "cited, not ingested"));
    const edges = Object.keys(relationColours).filter(r => data.edges.some(e => e[2] === r)).map(r => dot(relationColours[r], r, true));
    legend.innerHTML = "<strong>Resolutions</strong>" + entries.join("") + (edges.length ? "<strong>Citations</strong>" + edges.join("") : "") +
      "<div>size: how often cited</div>";
    legend.dataset.entries = entries.length + edges.length;
  }

  // Served by `unkg serve` (at /network), a resolution has its own page there; a second click
  // on a selected node opens it.
  const served = location.protocol.startsWith("http") && location.pathname === "/network";
  function pageOf(symbol) { return "/resolution/" + encodeURIComponent(symbol).replace(/%2F/g, "/"); }
  function link(i) {
    return "<a href=\"#\" data-node=\"" + i + "\">" + escapeHtml(data.nodes[i].symbol) + "</a>";
  }
  function escapeHtml(s) { return String(s).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c])); }
  function show(i) {
    selected = i;
    const n = data.nodes[i];
    const list = (pairs) => pairs.length ? "<ul>" + pairs.map(([j, r]) => "<li>" + escapeHtml(r) + " " + link(j) + "</li>").join("") + "</ul>" : "<p>none</p>";
    info.innerHTML = "<h2>" + escapeHtml(n.symbol) + "</h2>" +
      "<p>" + escapeHtml(n.organ) + (n.date ? " · " + escapeHtml(n.date) : "") + (n.ingested ? "" : " · not ingested") + "</p>" +
      (n.title ? "<p><em>" + escapeHtml(n.title) + "</em></p>" : "") +
      "<p>cited by " + n.inDegree + " · cites " + n.outDegree + " · PageRank " + n.pageRank.toFixed(5) + " · chain depth " + n.chainDepth +
      (n.series !== null ? " · series of " + escapeHtml(data.series[n.series]) : "") + "</p>" +
      "<p>" + (served ? "<a id=\"page\" href=\"" + escapeHtml(pageOf(n.symbol)) + "\">its page</a> · " : "") +
      "<a href=\"" + escapeHtml(n.undocs) + "\" target=\"_blank\" rel=\"noopener\">undocs.org</a></p>" +
      "<h3>Cites</h3>" + list(cites[i]) + "<h3>Cited by</h3>" + list(citedBy[i]);
    draw();
  }
  function search(symbol) {
    const key = symbol.replace(/\s+/g, "").toUpperCase();
    const i = data.nodes.findIndex(n => n.symbol.replace(/\s+/g, "").toUpperCase() === key);
    if (i < 0) { status.dataset.found = ""; info.innerHTML = "<p>No resolution " + escapeHtml(symbol) + " in this network.</p>"; return; }
    // About ten years across, and the neighbouring rows.
    view.x = data.nodes[i].x; view.y = data.nodes[i].y;
    view.sx = Math.max(view.sx, canvas.width / 100); view.sy = Math.max(view.sy, canvas.height / 60);
    status.dataset.found = data.nodes[i].symbol;
    show(i);
  }

  let drag = null;
  canvas.addEventListener("mousedown", e => { drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false }; });
  window.addEventListener("mouseup", e => {
    if (drag && !drag.moved) {
      const rect = canvas.getBoundingClientRect(), ratio = canvas.width / rect.width;
      const mx = (e.clientX - rect.left) * ratio, my = (e.clientY - rect.top) * ratio;
      let best = -1, bestDistance = 100;
      data.nodes.forEach((n, i) => {
        if (!visible(i)) return;
        const [x, y] = toScreen(n), d = (x - mx) ** 2 + (y - my) ** 2;
        if (d < bestDistance) { best = i; bestDistance = d; }
      });
      if (best >= 0 && best === selected && served) location.href = pageOf(data.nodes[best].symbol);
      else if (best >= 0) show(best);
    }
    drag = null;
  });
  window.addEventListener("mousemove", e => {
    if (!drag) return;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const dx = (e.clientX - drag.x) * ratio, dy = (e.clientY - drag.y) * ratio;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.vx - dx / view.sx; view.y = drag.vy - dy / view.sy; draw();
  });
  canvas.addEventListener("wheel", e => {
    e.preventDefault();
    const f = e.deltaY < 0 ? 1.2 : 1 / 1.2;
    view.sx *= f; view.sy *= f; draw();
  }, { passive: false });
  info.addEventListener("click", e => { const j = e.target.dataset && e.target.dataset.node; if (j !== undefined) { e.preventDefault(); search(data.nodes[+j].symbol); } });
  document.getElementById("search").addEventListener("keydown", e => { if (e.key === "Enter") search(e.target.value); });
  document.getElementById("colour").addEventListener("change", e => { colourBy = e.target.value; drawLegend(); draw(); });
  document.querySelectorAll("#controls input").forEach(el => el.addEventListener("change", draw));
  window.addEventListener("resize", () => { resize(); draw(); });

  resize(); fit(); drawLegend(); draw();
  const wanted = decodeURIComponent((location.hash.match(/search=([^&]*)/) || [])[1] || "");
  if (wanted) search(wanted);
})();
