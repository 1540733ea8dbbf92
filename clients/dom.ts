/**
 * DOM helpers. Deal data only ever reaches the page as text (textContent, attribute values set
 * through the DOM API): never as HTML, so a deal named `<img onerror=…>` is just a name.
 */
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The sidebar page has no #${id}`);
  return node as T;
}

export function setText(id: string, text: string): void {
  byId(id).textContent = text;
}

export function show(id: string, visible: boolean): void {
  byId(id).hidden = !visible;
}
