/* Remote-search boxes: every select[data-autocomplete-url] (rendered by
 * common.widgets.AutocompleteSelect with only its chosen option) becomes a Tom Select
 * box that asks that URL for "?q=…" and shows the JSON results it returns.  Loaded as
 * a file: the CSP allows no inline script.  Boxes inside htmx-swapped content are set
 * up too. */
(function () {
  "use strict";

  function setUp(select) {
    if (select.tomselect || typeof TomSelect === "undefined") {
      return;
    }
    var url = select.dataset.autocompleteUrl;
    var noResults = select.dataset.noResults || "";
    var clearTitle = select.dataset.clear || "";
    new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      // The server has searched already: keep its rows and its order.
      score: function () {
        return function () {
          return 1;
        };
      },
      maxOptions: 20,
      loadThrottle: 300,
      placeholder: select.dataset.placeholder || "",
      // The empty option is no choice: the box shows its placeholder (what to type), and
      // a choice is undone with the clear (single) or remove (multiple) button.
      allowEmptyOption: false,
      plugins: select.multiple
        ? { remove_button: { title: clearTitle } }
        : { clear_button: { title: clearTitle } },
      shouldLoad: function (query) {
        return query.trim().length > 0;
      },
      load: function (query, callback) {
        var box = this;
        var address = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
        fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(response.status);
            }
            return response.json();
          })
          .then(function (data) {
            box.clearOptions();
            callback(data.results);
          })
          .catch(function () {
            callback();
          });
      },
      render: {
        no_results: function () {
          var div = document.createElement("div");
          div.className = "no-results";
          div.textContent = noResults;
          return div;
        },
      },
    });
  }

  function setUpAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("select[data-autocomplete-url]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    setUpAll(event.target);
  });
})();
