/* The office's pages work without JavaScript; this only adds conveniences.
   - On the review page, a problem's link puts the cursor on its line of the file's text. */
"use strict";

document.addEventListener("click", (event) => {
  const link = event.target.closest("a.goto-line");
  if (!link) return;
  const area = document.querySelector(link.getAttribute("href"));
  const line = Number(link.dataset.line);
  if (!area || !line) return;
  event.preventDefault();
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  const end = start + (lines[line - 1] || "").length;
  area.focus();
  area.setSelectionRange(start, end);
  // Scroll the line into view: its share of the text's height.
  area.scrollTop = Math.max(0, (area.scrollHeight * (line - 1)) / lines.length - area.clientHeight / 3);
});
