// The admin's rich-text editor: django-prose-editor's Tiptap bundle, configured from the
// data-rich-text attribute that migrant_site/rich_text.py writes (the same list of formatting
// the sanitiser keeps). Imported by relative path: no import map, nothing inline for the CSP.
import * as prose from "../django_prose_editor/editor.js"

const SELECTOR = "textarea[data-rich-text]"

function extensionsFrom(config) {
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions)) {
    const extension = prose[name]
    if (!extension) continue
    if (name === "Link") {
      extensions.push(
        extension.configure({
          ...options,
          HTMLAttributes: { rel: config.rel, target: null, class: null },
          isAllowedUri: (url, context) =>
            context.defaultValidate(url) &&
            (!/^[a-z][a-z0-9+.-]*:/i.test(url) ||
              config.schemes.includes(url.split(":")[0].toLowerCase())),
        }),
      )
    } else {
      extensions.push(typeof options === "object" ? extension.configure(options) : extension)
    }
  }
  return extensions
}

// Name what a paste brought that the text cannot hold: ProseMirror drops it while parsing.
function droppedParts(html, config) {
  const doc = new DOMParser().parseFromString(html, "text/html")
  const parts = []
  for (const element of doc.body.querySelectorAll("*")) {
    const tag = element.localName
    if (config.allowed.includes(tag)) continue
    const part = config.paste[tag] || `<${tag}>`
    if (!parts.includes(part)) parts.push(part)
  }
  return parts
}

function labelToolbar(editor, container, config) {
  const toolbar = container.querySelector(".prose-menubar")
  if (!toolbar) return
  toolbar.setAttribute("role", "toolbar")
  toolbar.setAttribute("aria-label", config.toolbar)
  const buttons = toolbar.querySelectorAll("button[data-name]")
  for (const button of buttons) {
    const label = config.buttons[button.dataset.name]
    if (label) {
      button.title = label
      button.setAttribute("aria-label", label)
    }
  }
  const update = () => {
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(button.classList.contains("active")))
      button.setAttribute("aria-disabled", String(button.classList.contains("disabled")))
    }
  }
  editor.on("transaction", update)
  update()
}

function createEditor(textarea) {
  const config = JSON.parse(textarea.dataset.richText)
  const label = document.querySelector(`label[for="${textarea.id}"]`)
  // One box in the admin's row: the editor, its keyboard hint, the paste notice.
  const field = document.createElement("div")
  field.className = "rich-text-field"
  const container = document.createElement("div")
  container.className = "prose-editor rich-text"
  textarea.before(field)
  field.append(container)
  container.append(textarea)

  const hint = document.createElement("p")
  hint.className = "rich-text-hint"
  hint.id = `${textarea.id}-hint`
  hint.textContent = config.hint
  const notice = document.createElement("p")
  notice.className = "rich-text-notice"
  notice.setAttribute("role", "status")
  field.append(hint, notice)

  const editor = new prose.Editor({
    element: container,
    extensions: extensionsFrom(config),
    content: textarea.value,
    injectCSS: false, // a <style> element: the CSP refuses it, editor.css has the rules
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label ? label.textContent.replace(/:\s*$/, "") : textarea.name,
        "aria-describedby": hint.id,
      },
      transformPastedHTML(html) {
        const parts = droppedParts(html, config)
        notice.textContent = parts.length
          ? config.pasteNotice.replace("%(parts)s", parts.join(", "))
          : ""
        return html
      },
    },
    onUpdate({ editor }) {
      // An emptied editor still holds one empty paragraph: store an empty field.
      const html = editor.getHTML()
      textarea.value = /^<p><\/p>$/.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
  })
  if (label) label.addEventListener("click", () => editor.commands.focus())
  // The menu is built on "create", after this constructor returns.
  editor.on("create", () => {
    labelToolbar(editor, container, config)
    container.dataset.ready = "true"
  })
  return editor
}

for (const textarea of document.querySelectorAll(SELECTOR)) {
  createEditor(textarea)
}
