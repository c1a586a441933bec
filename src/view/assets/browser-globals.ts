// The few browser APIs the view's script uses, typed here: the project compiles for Node (no DOM
// library), and adding the DOM library to the whole program would clash with Node's fetch types.

/** An element, with the properties the script reads or sets (of whichever element kind has them). */
export interface PageElement {
  id: string;
  className: string;
  textContent: string | null;
  hidden: boolean;
  disabled: boolean;
  open: boolean;
  value: string;
  selectedIndex: number;
  options: { length: number };
  scrollLeft: number;
  dataset: Record<string, string | undefined>;
  classList: { add(name: string): void; toggle(name: string, force?: boolean): boolean };
  parentElement: PageElement | null;
  nextElementSibling: PageElement | null;
  closest(selector: string): PageElement | null;
  matches(selector: string): boolean;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { forEach(each: (element: PageElement, index: number) => void): void };
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  replaceWith(node: unknown): void;
  scrollIntoView(options?: { block?: string }): void;
}

/** The document, as far as the script uses it. */
export interface PageDocument extends Pick<PageElement, 'querySelector' | 'querySelectorAll'> {
  body: PageElement;
  documentElement: PageElement;
  getElementById(id: string): PageElement | null;
  importNode(node: PageElement, deep: boolean): unknown;
  addEventListener(type: 'click' | 'change', listener: (event: { target: unknown }) => void): void;
}

/** A server-sent event. */
export interface StreamEvent {
  data: string;
}

/** The EventSource the script opens. */
export interface EventStream {
  readyState: number;
  addEventListener(type: string, listener: (event: StreamEvent) => void): void;
}

/** The globals the script reads. */
export interface BrowserGlobals {
  document: PageDocument;
  location: { href: string };
  history: { replaceState(state: null, unused: string, url: URL): void };
  DOMParser: new () => { parseFromString(text: string, type: 'text/html'): PageDocument };
  EventSource?: (new (url: string) => EventStream) & { OPEN: number };
}

/** The browser's globals, typed as above. */
export const browser = globalThis as unknown as BrowserGlobals;
