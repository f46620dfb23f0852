// Progress for htmx file uploads: a <progress> inside the form fills while sending.
document.addEventListener("htmx:xhr:progress", (event) => {
  const form = event.target.closest("form");
  const bar = form && form.querySelector("progress.upload");
  if (bar && event.detail.lengthComputable) {
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  }
});

// Tables scroll inside their own box instead of widening the page (phones, long
// filtered lists): each table in <main> that is not already wrapped gets a
// focusable, labelled region around it, on load and after every htmx swap.
function wrapTables(root) {
  const scope = root && root.querySelectorAll ? root : document;
  const tables = scope.matches && scope.matches("table") ? [scope] : scope.querySelectorAll("main table");
  tables.forEach((table) => {
    if (!table.closest("main") || table.parentElement.classList.contains("table-wrap")) {
      return;
    }
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(table);
  });
  document.querySelectorAll("main .table-wrap").forEach((wrap) => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      const caption = wrap.querySelector("caption");
      const heading = caption ? caption.textContent : document.title;
      wrap.setAttribute("aria-label", heading.trim());
    }
  });
}
document.addEventListener("DOMContentLoaded", () => wrapTables(document));
document.addEventListener("htmx:load", (event) => wrapTables(event.target));
