import type { Format } from './format.js';

export const formatJson: Format = {
  header: (opts) => (opts.single ? '' : '[\n'),
  item: (result, index, opts) => (opts.single ? `${JSON.stringify(result, null, 2)}\n` : `${index ? ',\n' : ''}${JSON.stringify(result, null, 2)}`),
  footer: (count, opts) => (opts.single ? '' : count ? '\n]\n' : ']\n'),
};

export const formatJsonl: Format = {
  item: (result) => `${JSON.stringify(result)}\n`,
};
