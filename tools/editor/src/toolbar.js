// The toolbar: real buttons, each in the Tab order, named in Ukrainian, with its shortcut in the
// title. Buttons that switch something on and off say so with aria-pressed.
import { uk as text } from "./text.js";

const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";

// key: the entry in text.js; keys: the shortcut Tiptap already binds; run: the command;
// active: makes it a toggle; can: disables it when it cannot apply; place: shown only
// inside a table ("table") or only outside one ("text").
const groups = [
  [
    { key: "paragraph", keys: "Mod+Alt+0", run: (c) => c.setParagraph(), active: (e) => e.isActive("paragraph") },
    ...[2, 3, 4].map((level) => ({
      key: `heading${level}`,
      keys: `Mod+Alt+${level}`,
      run: (c) => c.toggleHeading({ level }),
      active: (e) => e.isActive("heading", { level }),
    })),
  ],
  [
    { key: "bold", keys: "Mod+B", run: (c) => c.toggleBold(), active: (e) => e.isActive("bold") },
    { key: "italic", keys: "Mod+I", run: (c) => c.toggleItalic(), active: (e) => e.isActive("italic") },
    { key: "underline", keys: "Mod+U", run: (c) => c.toggleUnderline(), active: (e) => e.isActive("underline") },
    { key: "strike", keys: "Mod+Shift+S", run: (c) => c.toggleStrike(), active: (e) => e.isActive("strike") },
    { key: "subscript", keys: "Mod+,", run: (c) => c.toggleMark("subscript"), active: (e) => e.isActive("subscript") },
    { key: "superscript", keys: "Mod+.", run: (c) => c.toggleMark("superscript"), active: (e) => e.isActive("superscript") },
  ],
  [
    { key: "bulletList", keys: "Mod+Shift+8", run: (c) => c.toggleBulletList(), active: (e) => e.isActive("bulletList") },
    { key: "orderedList", keys: "Mod+Shift+7", run: (c) => c.toggleOrderedList(), active: (e) => e.isActive("orderedList") },
    { key: "blockquote", keys: "Mod+Shift+B", run: (c) => c.toggleBlockquote(), active: (e) => e.isActive("blockquote") },
    { key: "link", keys: "Mod+K", link: true, active: (e) => e.isActive("link") },
    { key: "rule", run: (c) => c.setHorizontalRule() },
  ],
  [
    { key: "table", place: "text", run: (c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }) },
    { key: "rowAfter", place: "table", run: (c) => c.addRowAfter() },
    { key: "columnAfter", place: "table", run: (c) => c.addColumnAfter() },
    { key: "deleteRow", place: "table", run: (c) => c.deleteRow() },
    { key: "deleteColumn", place: "table", run: (c) => c.deleteColumn() },
    { key: "deleteTable", place: "table", run: (c) => c.deleteTable() },
  ],
  [
    { key: "undo", keys: "Mod+Z", run: (c) => c.undo(), can: (e) => e.can().undo() },
    { key: "redo", keys: "Mod+Shift+Z", run: (c) => c.redo(), can: (e) => e.can().redo() },
  ],
];

export function createToolbar(editor, { controls, openLink }) {
  const bar = document.createElement("div");
  bar.className = "rich-text__toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", text.toolbar);
  bar.setAttribute("aria-controls", controls);
  const buttons = [];
  for (const group of groups) {
    const box = bar.appendChild(document.createElement("span"));
    box.className = "rich-text__group";
    for (const spec of group) {
      const [visible, name] = text[spec.key];
      const button = box.appendChild(document.createElement("button"));
      button.type = "button";
      button.className = "rich-text__button";
      button.dataset.command = spec.key;
      button.textContent = visible;
      button.setAttribute("aria-label", name);
      button.title = spec.keys ? `${name} (${spec.keys.replace("Mod", mod)})` : name;
      // A mouse click must not take the focus, or the selection it applies to would be lost.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => (spec.link ? openLink() : spec.run(editor.chain().focus()).run()));
      buttons.push({ button, spec });
    }
  }

  const update = () => {
    const inTable = editor.isActive("table");
    for (const { button, spec } of buttons) {
      if (spec.active) button.setAttribute("aria-pressed", String(spec.active(editor)));
      if (spec.can) button.disabled = !spec.can(editor);
      if (spec.place) button.hidden = (spec.place === "table") !== inTable;
    }
  };
  editor.on("transaction", update);
  update();
  return bar;
}
