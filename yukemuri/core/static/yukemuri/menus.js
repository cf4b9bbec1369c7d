// The header's menus are <details>: they open and close without JavaScript. On a phone they open over the
// page, so a keyboard user tabbing past the last link would land on content hidden under the still-open
// menu (WCAG 2.4.11). This closes a header menu once focus moves to something outside it, and on Escape
// (which also returns focus to the menu's button).
(function () {
  document.querySelectorAll(".site-header details").forEach(function (menu) {
    var summary = menu.querySelector("summary");
    menu.addEventListener("focusout", function (event) {
      // A null relatedTarget is focus leaving the window (another tab, the address bar): keep the menu open.
      if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        summary.focus();
      }
    });
  });
})();
