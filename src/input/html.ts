// HTML page -> article text, with Mozilla's Readability over linkedom. linkedom builds a DOM
// without running scripts or fetching anything; paragraphs become blank-line-separated text.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ExtractedPage { title: string | null; text: string; date: string | null }

const BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'FIGCAPTION', 'DIV', 'SECTION', 'ARTICLE', 'BR', 'TR', 'UL', 'OL', 'TABLE', 'HEADER', 'FOOTER', 'MAIN']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'ASIDE', 'FORM', 'BUTTON', 'SELECT', 'SVG', 'IFRAME']);
/** Readability slows down sharply on very deep or very large trees; past these the plain walk is used. */
const MAX_DEPTH_FOR_READABILITY = 120;
const MAX_ELEMENTS_FOR_READABILITY = 20_000;

interface DomNode { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> }

/**
 * The text of a tree as paragraphs: every block element starts and ends one. Iterative, so a page
 * of 10,000 nested tags cannot overflow the stack.
 */
function blockText(root: DomNode, skipped: Set<string>): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const stack: (DomNode | 'exit')[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === 'exit') { flush(); continue; }
    if (node.nodeType === 3) { current += node.textContent ?? ''; continue; }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    if (skipped.has(node.nodeName.toUpperCase())) continue;
    const block = BLOCK_TAGS.has(node.nodeName.toUpperCase());
    if (block) { flush(); stack.push('exit'); }
    // Read once: linkedom builds a new list at every `childNodes` (quadratic in an element's children).
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  flush();
  return paragraphs.join('\n\n');
}

/** Depth and size of a tree, measured without recursion. */
function measureTree(root: DomNode): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (node.nodeType !== 1 && node.nodeType !== 9) continue;
    elements += 1;
    if (d > depth) depth = d;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i += 1) stack.push([children[i]!, d + 1]);
  }
  return { depth, elements };
}

export function extractArticle(html: string): ExtractedPage {
  const { document } = parseHTML(html);
  const date = document.querySelector('meta[property="article:published_time"], meta[name="date"], time[datetime]');
  const published = date?.getAttribute('content') ?? date?.getAttribute('datetime') ?? null;
  let title: string | null = (document.querySelector('title')?.textContent ?? '').trim() || null;
  const body = (document.body ?? document) as unknown as DomNode;
  const { depth, elements } = measureTree(document as unknown as DomNode);
  let text = '';
  if (depth <= MAX_DEPTH_FOR_READABILITY && elements <= MAX_ELEMENTS_FOR_READABILITY) {
    try {
      const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
      if (article?.content) {
        title = article.title?.trim() || title;
        const content = parseHTML(`<html><body>${article.content}</body></html>`).document;
        text = blockText(content.body as unknown as DomNode, SKIPPED_TAGS);
      }
    } catch {
      // Readability gives up on some pages; the plain walk below is the fallback.
    }
  }
  // No article found (or a page too odd for Readability): all the page's text, minus scripts and menus.
  if (!text) text = blockText(parseHTML(html).document.body as unknown as DomNode ?? body, SKIPPED_TAGS);
  return { title, text, date: published };
}
