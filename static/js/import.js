// The import page's drop zone: files dropped on it go into the file input (the form posts
// them as if chosen), their names and total size are shown, and a batch over the limit is
// named before it is sent. Without JavaScript the plain file input does the same.
(function () {
  const zone = document.querySelector("[data-dropzone]");
  if (!zone) return;
  const input = zone.querySelector("input[type=file]");
  const list = zone.querySelector("[data-dropzone-files]");
  const limit = Number(zone.dataset.maxBytes || 0);

  function show() {
    const files = Array.from(input.files);
    const total = files.reduce((sum, file) => sum + file.size, 0);
    const names = files.map((file) => file.name).join(", ");
    list.textContent = names;
    if (limit && total > limit) {
      list.textContent = `${names} — ${zone.dataset.tooBig}`;
      list.classList.add("error");
    } else {
      list.classList.remove("error");
    }
  }

  ["dragenter", "dragover"].forEach((name) =>
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("over");
    }),
  );
  ["dragleave", "drop"].forEach((name) =>
    zone.addEventListener(name, () => zone.classList.remove("over")),
  );
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  input.addEventListener("change", show);
  // Says the drop zone listens (a drop before this would be lost; tests wait for it).
  zone.dataset.ready = "true";
})();
