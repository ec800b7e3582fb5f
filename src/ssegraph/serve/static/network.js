// The collaboration network drawn with Cytoscape.js from the page's JSON route (the same
// build as `ssegraph network`), coloured by kind with a legend, each node a link to its page,
// and a time slider that shows what is active in a year (its spells overlap the year) and
// plays the network year by year. A static file, as the Content-Security-Policy asks.
"use strict";

(function () {
  const PALETTE = ["#0b6e4f", "#2f5fa7", "#b3541e", "#7a3e9d", "#c0392b", "#1f8a9e",
    "#8a6d1f", "#5b6673", "#d35f9b", "#3c8d2f", "#6b4f2a", "#1d2733"];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  }

  // Whether an element's spells ([start, end] ISO days, end null while it goes on) meet a year.
  function activeIn(spells, year) {
    return spells.some(([start, end]) =>
      (!start || Number(start.slice(0, 4)) <= year) && (!end || Number(end.slice(0, 4)) >= year));
  }

  function draw(view, data) {
    const words = view.dataset;
    const message = view.querySelector(".network-message");
    const counted = view.querySelector(".visible-count");
    const slider = view.querySelector("input.year");
    const allYears = view.querySelector("input.all-years");
    const shownYear = view.querySelector("output.year-shown");
    const play = view.querySelector("button.play");
    if (!data.elements.nodes.length) {
      message.textContent = words.empty;
      return;
    }
    if (data.shown < data.total) {
      message.textContent = fill(words.capped, { total: data.total, shown: data.shown });
    }
    const colours = {};
    data.kinds.forEach((entry, index) => { colours[entry.kind] = PALETTE[index % PALETTE.length]; });
    const legend = view.querySelector(".network-legend");
    for (const entry of data.kinds) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colours[entry.kind];
      item.append(swatch, `${entry.label || words.otherKind} (${entry.count})`);
      legend.append(item);
    }
    const cy = window.cytoscape({
      container: view.querySelector(".network-canvas"),
      elements: data.elements,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 8000 },
      style: [
        { selector: "node", style: {
          "background-color": (node) => colours[node.data("kind")] || "#5b6673",
          "label": "data(label)", "font-size": 10, "color": "#1d2733",
          "text-valign": "bottom", "text-margin-y": 3, "width": 14, "height": 14,
          "min-zoomed-font-size": 8 } },
        { selector: "edge", style: {
          "line-color": "#c5ccd4", "width": (edge) => Math.min(1 + edge.data("weight"), 6),
          "curve-style": "haystack", "opacity": 0.8 } },
        { selector: ".hidden", style: { "visibility": "hidden", "events": "no" } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#1d2733" } },
      ],
    });
    cy.on("tap", "node", (event) => {
      const href = event.target.data("href");
      if (href) window.location.assign(href + (words.lang ? `?lang=${words.lang}` : ""));
    });
    cy.on("mouseover", "node", (event) => { view.title = event.target.data("title"); });

    function show() {
      const year = allYears.checked ? null : Number(slider.value);
      shownYear.textContent = year === null ? words.allYears : String(year);
      cy.batch(() => {
        cy.nodes().forEach((node) => {
          node.toggleClass("hidden", year !== null && !activeIn(node.data("spells"), year));
        });
        cy.edges().forEach((edge) => {
          const off = year !== null && !activeIn(edge.data("spells"), year);
          edge.toggleClass("hidden", off || edge.source().hasClass("hidden")
            || edge.target().hasClass("hidden"));
        });
      });
      const nodes = cy.nodes().not(".hidden").length;
      const edges = cy.edges().not(".hidden").length;
      counted.value = fill(words.nodesShown, { count: nodes, edges: edges });
      view.dataset.visible = String(nodes);
    }

    slider.min = String(data.first_year);
    slider.max = String(data.last_year);
    slider.value = String(data.first_year);
    slider.addEventListener("input", () => { allYears.checked = false; show(); });
    allYears.addEventListener("change", show);
    let timer = null;
    play.addEventListener("click", () => {
      if (timer !== null) {
        window.clearInterval(timer);
        timer = null;
        play.textContent = words.play;
        return;
      }
      allYears.checked = false;
      slider.value = slider.min;
      show();
      play.textContent = words.pause;
      timer = window.setInterval(() => {
        if (Number(slider.value) >= Number(slider.max)) {
          window.clearInterval(timer);
          timer = null;
          play.textContent = words.play;
          return;
        }
        slider.value = String(Number(slider.value) + 1);
        show();
      }, 900);
    });
    show();
  }

  function load(view) {
    fetch(view.dataset.source, { headers: { Accept: "application/json" } })
      .then((response) => response.json().then((body) => ({ ok: response.ok, body: body })))
      .then(({ ok, body }) => {
        if (!ok) {
          const message = view.querySelector(".network-message");
          message.textContent = [body.message, ...(body.hints || [])].join(" ");
          message.classList.add("error");
          return;
        }
        draw(view, body.drawn);
      });
  }

  // A view lower on a page (an actor's) is built when the reader reaches it: building reads
  // much of the graph, and most readers of a page never scroll that far.
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      seen.unobserve(entry.target);
      load(entry.target);
    }
  });
  for (const view of document.querySelectorAll(".network-view")) {
    if (view.dataset.lazy) seen.observe(view);
    else load(view);
  }
})();
