// Progressive enhancement only: every page works without this file.
(() => {
  "use strict";

  // Saving data: the gallery's links to its photos give way to the photos themselves, lazy inside
  // the closed disclosure, so they are fetched only once the reader opens it.
  for (const photos of document.querySelectorAll("template.gallery__photos")) {
    photos.parentElement.querySelector(".gallery__links")?.replaceWith(photos.content.cloneNode(true));
    photos.remove();
  }

  // Gallery: a list of photos becomes a slider with labelled buttons and arrow keys.
  for (const gallery of document.querySelectorAll("[data-gallery]")) {
    const items = [...gallery.querySelectorAll(".gallery__item")];
    const controls = gallery.querySelector(".gallery__controls");
    if (items.length < 2 || !controls) continue;
    const status = controls.querySelector(".gallery__status");
    const template = status.dataset.template;
    let current = 0;
    const show = (index) => {
      current = (index + items.length) % items.length;
      items.forEach((item, i) => { item.hidden = i !== current; });
      status.textContent = template.replace("{0}", current + 1).replace("{1}", items.length);
    };
    controls.querySelector(".gallery__prev").addEventListener("click", () => show(current - 1));
    controls.querySelector(".gallery__next").addEventListener("click", () => show(current + 1));
    gallery.addEventListener("keydown", (e) => {
      // With a modifier the keys are the browser's (Alt+← is "back").
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key === "ArrowLeft") { show(current - 1); e.preventDefault(); }
      else if (e.key === "ArrowRight") { show(current + 1); e.preventDefault(); }
    });
    gallery.classList.add("gallery--slider");
    // The status is filled while still hidden, so screen readers do not announce it on page load.
    show(0);
    controls.hidden = false;
  }

  // "Скопіювати посилання": copies instead of following the link, where the browser allows it.
  for (const link of document.querySelectorAll(".share__copy")) {
    link.addEventListener("click", async (e) => {
      if (!navigator.clipboard) return;
      e.preventDefault();
      try {
        await navigator.clipboard.writeText(link.href);
        const status = link.closest(".share").querySelector(".share__status");
        if (status) status.textContent = link.dataset.copied;
      } catch {
        window.location.href = link.href;
      }
    });
  }

  // Reading offline (sw.js): three seconds after the page has loaded, once the browser is idle, so
  // that keeping the latest news (some twenty pages) never competes with the page the reader opened,
  // its photos and its layout, on a slow connection or a slow phone.
  const offline = () => navigator.serviceWorker?.register("/sw.js").catch(() => {});
  const later = () => setTimeout(() => (window.requestIdleCallback ?? ((run) => run()))(offline), 3000);
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
})();
