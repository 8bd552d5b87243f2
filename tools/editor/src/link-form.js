// A small inline form for a link's address, under the toolbar. It is a div, not a <form>: it sits
// inside the article form, so Enter is caught here rather than submitting the article.
import { uk as text } from "./text.js";
import { allowedUrl } from "./extensions.js";

// What people type most often without a scheme: an e-mail address or www.something.
const complete = (url) =>
  /^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(url) ? `mailto:${url}` : /^www\./i.test(url) ? `https://${url}` : url;

export function createLinkForm(editor, { id }) {
  const box = document.createElement("div");
  box.className = "rich-text__link";
  box.hidden = true;
  box.innerHTML = `
    <label for="${id}-url"></label>
    <input id="${id}-url" type="text" inputmode="url" autocomplete="url" spellcheck="false" aria-describedby="${id}-url-hint ${id}-url-error">
    <span class="rich-text__hint" id="${id}-url-hint"></span>
    <span class="rich-text__error" id="${id}-url-error" role="alert"></span>
    <span class="rich-text__link-actions">
      <button type="button" class="button" data-action="apply"></button>
      <button type="button" class="button button--quiet" data-action="remove"></button>
      <button type="button" class="button button--quiet" data-action="cancel"></button>
    </span>`;
  const input = box.querySelector("input");
  const error = box.querySelector(".rich-text__error");
  const remove = box.querySelector("[data-action=remove]");
  box.querySelector("label").textContent = text.linkLabel;
  box.querySelector(".rich-text__hint").textContent = text.linkHint;
  box.querySelector("[data-action=apply]").textContent = text.linkApply;
  remove.textContent = text.linkRemove;
  box.querySelector("[data-action=cancel]").textContent = text.linkCancel;

  const close = () => {
    box.hidden = true;
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    editor.commands.focus();
  };
  const apply = () => {
    const url = complete(input.value.trim());
    if (url === "") return unlink();
    if (!allowedUrl(url)) {
      error.textContent = text.linkInvalid;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: "text", text: url, marks: [{ type: "link", attrs: { href: url } }] });
    } else {
      chain.setLink({ href: url });
    }
    chain.run();
    close();
  };
  const unlink = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    close();
  };

  box.addEventListener("click", (event) => {
    const action = event.target.closest("button")?.dataset.action;
    if (action === "apply") apply();
    if (action === "remove") unlink();
    if (action === "cancel") close();
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
    if (event.key === "Enter" && event.target === input) {
      event.preventDefault();
      apply();
    }
  });

  const open = () => {
    input.value = editor.getAttributes("link").href ?? "";
    remove.hidden = !editor.isActive("link");
    box.hidden = false;
    input.focus();
    input.select();
  };
  return { element: box, open };
}
