// Augmented offer form: show only the part that matters for the chosen media type (video link or
// images). Without JavaScript both stay visible and the server ignores the part that does not apply.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("[data-augmented-type]");
  if (!select) return;
  const parts = document.querySelectorAll("[data-augmented-for]");
  const update = () => {
    parts.forEach((part) => {
      part.hidden = Boolean(select.value) && !part.dataset.augmentedFor.split(" ").includes(select.value);
    });
  };
  select.addEventListener("change", update);
  update();
});
