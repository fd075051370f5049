// Word clusters (src/lexicons/word-clusters.txt, made by scripts/make-word-clusters.js from GloVe
// vectors): words used alike share a cluster, which tells the NER tagger what an unseen name is
// like. Lower-case words; one cluster a line.
import { readFileSync } from 'node:fs';

let clusters: Map<string, number> | null = null;

/** Lower-case word -> cluster number, loaded once. */
export function wordClusters(): Map<string, number> {
  if (clusters) return clusters;
  clusters = new Map();
  const lines = readFileSync(new URL('../lexicons/word-clusters.txt', import.meta.url), 'utf8').split('\n');
  lines.forEach((line, cluster) => {
    for (const word of line.split(' ')) if (word) clusters!.set(word, cluster);
  });
  return clusters;
}
