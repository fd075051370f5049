// HTML page -> article text, with Mozilla's Readability over linkedom. linkedom builds a DOM
// without running scripts or fetching anything; paragraphs become blank-line-separated text.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ExtractedPage { title: string | null; text: string; date: string | null }

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, figcaption';

function blockText(root: { querySelectorAll: (s: string) => ArrayLike<{ textContent: string | null; querySelector: (s: string) => unknown }> }): string {
  const paragraphs: string[] = [];
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    if (el.querySelector(BLOCKS)) continue; // the innermost block holds the words
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
  }
  return paragraphs.join('\n\n');
}

export function extractArticle(html: string): ExtractedPage {
  const { document } = parseHTML(html);
  const date = document.querySelector('meta[property="article:published_time"], meta[name="date"], time[datetime]');
  const published = date?.getAttribute('content') ?? date?.getAttribute('datetime') ?? null;
  for (const el of Array.from(document.querySelectorAll('script, style, noscript, template')) as { remove(): void }[]) el.remove();
  let title: string | null = (document.querySelector('title')?.textContent ?? '').trim() || null;
  let text = '';
  try {
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    if (article?.content) {
      title = article.title?.trim() || title;
      text = blockText(parseHTML(`<html><body>${article.content}</body></html>`).document);
      if (!text) text = (article.textContent ?? '').replace(/[ \t]+/g, ' ').trim();
    }
  } catch {
    // Readability gives up on some pages; the plain blocks below are the fallback.
  }
  if (!text) {
    const { document: again } = parseHTML(html);
    for (const el of Array.from(again.querySelectorAll('script, style, noscript, template')) as { remove(): void }[]) el.remove();
    text = blockText(again) || (again.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
  return { title, text, date: published };
}
