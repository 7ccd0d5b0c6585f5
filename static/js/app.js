// Netzwerk's only script besides htmx: toasts for messages sent with HTMX responses,
// and a flag that hides no-JS fallbacks (buttons that htmx makes unnecessary).
document.documentElement.classList.add("js");

function showToast(level, text) {
  const box = document.getElementById("toasts");
  if (!box) return;
  const item = document.createElement("div");
  item.className = "toast msg msg-" + level;
  item.setAttribute("role", "status");
  item.textContent = text;
  box.appendChild(item);
  setTimeout(() => item.remove(), 4000);
}

document.addEventListener("messages", (event) => {
  for (const message of event.detail.value || []) showToast(message.level, message.text);
});

// A failed request (network down, server error) must not pass silently.
document.addEventListener("htmx:responseError", (event) => {
  showToast("error", document.body.dataset.errorText || "Error " + event.detail.xhr.status);
});
document.addEventListener("htmx:sendError", (event) => {
  // A form that waits in the outbox when offline says so itself (static/js/offline.js).
  if (event.detail.elt.closest && event.detail.elt.closest("form[data-offline-queue]")) return;
  showToast("error", document.body.dataset.offlineText || "Offline?");
});

// Copy buttons: copy the text of the field named in data-copy-target. Where the clipboard is
// not available (no HTTPS, permission refused), the text is selected and the fallback shown.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copyTarget);
  const status = button.parentElement.querySelector(".copy-status");
  if (!field) return;
  const say = (text, ok) => {
    if (status) status.textContent = text;
    button.classList.toggle("copied", ok);
  };
  try {
    if (!navigator.clipboard) throw new Error("no clipboard");
    await navigator.clipboard.writeText(field.value);
    say(button.dataset.copiedText || "OK", true);
  } catch {
    field.focus();
    field.select();
    say(button.dataset.fallbackText || "", false);
  }
});

// The desk (contacts table): tick every row of the page at once, and say how many are ticked
// (or how many match the filter when "select all matching" is on).
function countTicked(form) {
  const label = form.querySelector("[data-selected-count]");
  if (!label) return;
  const all = form.querySelector("input[name=scope]");
  label.textContent = all && all.checked
    ? all.dataset.matching
    : form.querySelectorAll("input[name=contacts]:checked").length;
}
document.addEventListener("change", (event) => {
  const form = event.target.closest("#bulk-form");
  if (!form) return;
  if (event.target.matches("[data-select-page]")) {
    for (const box of form.querySelectorAll("input[name=contacts]")) box.checked = event.target.checked;
  }
  countTicked(form);
});
document.addEventListener("htmx:afterSettle", () => {
  const form = document.getElementById("bulk-form");
  if (form) countTicked(form);
});

// At a desk-sized screen the contact list opens as the table, unless the user picked the
// list in this tab: a link with data-remember-view records the choice.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-remember-view]");
  if (link) sessionStorage.setItem("contacts-view", link.dataset.rememberView);
});
(function openDeskOnWideScreens() {
  const desk = document.querySelector("[data-desk-url]");
  if (!desk || sessionStorage.getItem("contacts-view") === "list") return;
  if (window.matchMedia("(min-width: 1000px)").matches) {
    location.replace(desk.dataset.deskUrl + location.search);
  }
})();

// The contact list's tag filter ships with the chosen tag only; all tags are fetched the first
// time the select is approached (pointer, touch or keyboard), before its options are shown.
function loadTagOptions(event) {
  const select = event.target.closest && event.target.closest("select[data-options-url]");
  if (!select || select.dataset.optionsLoaded) return;
  select.dataset.optionsLoaded = "1";
  fetch(select.dataset.optionsUrl, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
    .then((html) => {
      const chosen = select.value;
      select.innerHTML = html;
      select.value = chosen;
    })
    .catch(() => delete select.dataset.optionsLoaded);
}
for (const type of ["pointerover", "pointerdown", "focusin"]) {
  document.addEventListener(type, loadTagOptions, { passive: true });
}

// After a failed save, focus (and scroll to) the first field with an error, so a phone user
// sees what to fix; the links of the error summary focus their field as well.
function focusField(field) {
  if (!field) return;
  field.scrollIntoView({ block: "center" });
  field.focus({ preventScroll: true });
}
function firstInvalidField(root) {
  const summary = root.querySelector("[data-error-summary]");
  if (!summary) return null;
  const scope = summary.closest("form") || document;
  return scope.querySelector(
    "[aria-invalid=true], .has-error input:not([type=hidden]), .has-error select, .has-error textarea",
  );
}
document.addEventListener("DOMContentLoaded", () => focusField(firstInvalidField(document)));
document.addEventListener("htmx:afterSettle", (event) => focusField(firstInvalidField(event.detail.elt)));
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) return;
  const field = document.getElementById(link.getAttribute("href").slice(1));
  if (!field) return;
  event.preventDefault();
  focusField(field);
});

// Emails and phones have one input per entry and always one empty input; "add another"
// copies it, so a second, third … entry needs no save in between.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-entry]");
  if (!button) return;
  const box = button.previousElementSibling;
  const inputs = box.querySelectorAll("input");
  const last = inputs[inputs.length - 1];
  const copy = last.cloneNode();
  copy.value = "";
  copy.removeAttribute("aria-invalid");
  copy.id = last.id.replace(/_\d+$/, "_" + inputs.length);
  copy.setAttribute("aria-label", box.dataset.label + " " + (inputs.length + 1));
  box.appendChild(copy);
  copy.focus();
  if (inputs.length + 1 >= Number(box.dataset.maxEntries)) button.hidden = true;
});

// The new-contact form folds what matters less right after a meeting; a desk-sized screen
// has room for all of it.
if (window.matchMedia("(min-width: 1000px)").matches) {
  for (const details of document.querySelectorAll("details[data-unfold-wide]")) details.open = true;
}
