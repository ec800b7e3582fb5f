// The query page: YASGUI on this server's own /sparql, the catalogue's questions as examples.
// A static file, as the Content-Security-Policy asks (no inline script). Nothing here calls
// another site: the autocompleters that ask prefix.cc or LOV are left out, and so is the map
// plugin (its tiles come from elsewhere); tabs are not kept in localStorage, where they would
// keep the endpoint of another server or port.
"use strict";

(function () {
  const root = document.getElementById("yasgui");
  if (!root || !window.Yasgui) return;
  const endpoint = new URL(root.dataset.endpoint, window.location.href).href;
  const Yasgui = window.Yasgui;

  Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  Yasgui.Yasqe.defaults.prefixCcApi = null;
  Yasgui.Yasqe.defaults.value = root.dataset.query;
  Yasgui.Yasqe.defaults.persistenceId = null;
  Yasgui.Yasr.defaults.pluginOrder = ["table", "response"];
  Yasgui.Yasr.defaults.prefixes = JSON.parse(root.dataset.prefixes || "{}");
  Yasgui.Yasr.defaults.persistenceId = null;

  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null,
    populateFromUrl: true,  // the share button's links (#query=...) open their query
    autofocus: false,
  });

  function currentQuery() {
    const tab = yasgui.getTab();
    return tab ? tab.getQuery() : root.dataset.query;
  }

  // The download links always carry the editor's current text.
  for (const link of document.querySelectorAll("a.download")) {
    link.addEventListener("click", () => {
      const params = new URLSearchParams({ query: currentQuery(), format: link.dataset.format });
      link.href = "/sparql?" + params.toString();
    });
  }

  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => {
      const tab = yasgui.getTab();
      tab.setName(button.textContent.trim());
      tab.setQuery(button.dataset.query);
      tab.query();
      root.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  }

  // A node of ours in the results links to its page here, not to its IRI's far host.
  const ours = root.dataset.ids;
  new MutationObserver(() => {
    for (const link of root.querySelectorAll(".yasr a[href]")) {
      const href = link.getAttribute("href");
      if (!href.startsWith(ours)) continue;
      link.setAttribute("href", "/id/" + href.slice(ours.length));
      link.removeAttribute("target");
    }
  }).observe(root, { childList: true, subtree: true });

  if (root.dataset.run) yasgui.getTab().query();
})();
