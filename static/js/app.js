/* Behaviour shared by every page.  Loaded as a file: the CSP allows no inline script. */
(function () {
  "use strict";

  // An htmx request that fails (server error, network down) would otherwise be silent.
  function showRequestError() {
    var box = document.getElementById("messages");
    if (!box) {
      return;
    }
    var alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.textContent = box.dataset.requestFailed || "Error";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", box.dataset.closeLabel || "Close");
    alert.appendChild(close);
    box.appendChild(alert);
  }

  document.addEventListener("htmx:responseError", showRequestError);
  document.addEventListener("htmx:sendError", showRequestError);
})();
