// The newsroom's rich-text editor. Every <textarea data-rich-text> gets a Tiptap (ProseMirror)
// editor right after it; the textarea stays in the form, hidden, and receives the editor's HTML on
// every change, so the form posts exactly as it does without JavaScript. The server sanitises the
// body either way (BodySanitizer); the editor only offers what survives that.
import { Editor } from "@tiptap/core";
import { extensions } from "./extensions.js";
import { cleanHtml } from "./clean-html.js";
import { createToolbar } from "./toolbar.js";
import { createLinkForm } from "./link-form.js";

function enhance(textarea, index) {
  const base = textarea.id || `rich-text-${index}`;
  const id = `${base}-editor`;
  const label = textarea.id ? document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`) : null;
  if (label && !label.id) label.id = `${base}-label`;

  const attributes = { id, class: "rich-text__content", role: "textbox", "aria-multiline": "true" };
  if (label) attributes["aria-labelledby"] = label.id;
  else if (textarea.hasAttribute("aria-label")) attributes["aria-label"] = textarea.getAttribute("aria-label");
  if (textarea.hasAttribute("aria-describedby")) attributes["aria-describedby"] = textarea.getAttribute("aria-describedby");

  const wrapper = document.createElement("div");
  wrapper.className = "rich-text";
  const place = wrapper.appendChild(document.createElement("div"));
  textarea.after(wrapper);
  textarea.hidden = true;
  const editor = new Editor({
    element: place,
    extensions,
    content: cleanHtml(textarea.value),
    editable: !textarea.readOnly && !textarea.disabled,
    // The CSP (style-src 'self') refuses the <style> element Tiptap would add; editor.css has those rules.
    injectCSS: false,
    editorProps: { attributes, transformPastedHTML: cleanHtml },
    onUpdate: ({ editor }) => {
      // The empty paragraph Tiptap keeps after a final table or rule is not part of the text.
      textarea.value = editor.isEmpty ? "" : editor.getHTML().replace(/(<p><\/p>)+$/, "");
    },
  });
  const link = createLinkForm(editor, { id });
  const toolbar = createToolbar(editor, { controls: id, openLink: link.open });
  wrapper.prepend(toolbar, link.element);

  editor.view.dom.addEventListener("keydown", (event) => {
    // Ctrl+K for a link, as in word processors; Alt+F10 to the toolbar, as in TinyMCE and CKEditor.
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      link.open();
    }
    if (event.altKey && event.key === "F10") {
      event.preventDefault();
      toolbar.querySelector("button:not([hidden]):not(:disabled)")?.focus();
    }
  });
  // Another script (autosave's restore) put new text into the textarea: show it.
  textarea.addEventListener("rich-text:reload", () => {
    editor.commands.setContent(cleanHtml(textarea.value));
  });
  // The label points at the hidden textarea; a click on it should reach the editor instead.
  label?.addEventListener("click", (event) => {
    event.preventDefault();
    editor.commands.focus();
  });
}

function start() {
  document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
