#!/usr/bin/env python3
"""Architecture variants of the stance pair encoder, compared with the shipped PCNN in the same
sentence-grouped folds of DSE train (one member each, the trainer's other options). For reading,
not shipping: results and their reading are in docs/stance-encoder-variants.md.

  pcnn    the shipped PCNN (scripts/train-stance-encoder.py)
  ft      the same, the word vectors fine-tuned (a trainable delta per word)
  multi   widths 3 and 5 side by side
  deep    a second, dilated convolution with a residual
  shared  two convolutions once per sentence (every name masked), the pair only adds distance
          and marker rows before the pooling: the cheapest at inference
  lstm    a BiLSTM in place of the convolution (too slow to train here: stopped)
  mtl     the PCNN with a second head trained on NewsMTSC's targets (export-tone-targets.js)

usage: node scripts/export-stance-pairs.js --unmarked > /tmp/pairs.jsonl
       node scripts/export-tone-targets.js > /tmp/tone.jsonl          (for mtl)
       /usr/bin/python3 scripts/encoder-variants.py ARCH '{"folds_run": [0,1,2,3,4]}' [PAIRS] [TONE]
Prints one JSON line per fold: argmax five-class F1, and at the threshold the trainer would choose
(best edge F1 with all-pairs precision >= 45): threshold, P, R, edge F1, five-class F1, all-pairs P.
"""
import sys, json, random, os, time, importlib.util
import numpy as np, torch, torch.nn as nn
spec = importlib.util.spec_from_file_location('tse', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'train-stance-encoder.py'))
tse = importlib.util.module_from_spec(spec); spec.loader.exec_module(tse)

class Base(tse.PairEncoder):
    def embed(self, words, marks, tags, da, db, segments):
        x = self.words(words)
        x = torch.where((marks == 1).unsqueeze(-1), self.markers[0].expand_as(x), x)
        x = torch.where((marks == 2).unsqueeze(-1), self.markers[1].expand_as(x), x)
        x = torch.cat([x, self.tags(tags), self.distance_a(da), self.distance_b(db)], dim=-1)
        return x * (segments > 0).unsqueeze(-1)
    def pool(self, h, segments):  # h: batch, filters, length
        pooled = []
        for s in range(3):
            mask = (segments == s + 1).unsqueeze(1)
            pooled.append(torch.where(mask, h, torch.zeros_like(h)).max(dim=2).values)
        return torch.cat(pooled, dim=1)

class FineTune(Base):
    def __init__(self, vectors, filters, tag_dim, distance_dim, dropout, labels=5):
        super().__init__(vectors, filters, tag_dim, distance_dim, dropout, labels)
        self.delta = nn.Embedding(vectors.shape[0], vectors.shape[1]); nn.init.zeros_(self.delta.weight)
    def forward(self, words, marks, tags, da, db, segments):
        x = self.words(words) + self.delta(words)
        x = torch.where((marks == 1).unsqueeze(-1), self.markers[0].expand_as(x), x)
        x = torch.where((marks == 2).unsqueeze(-1), self.markers[1].expand_as(x), x)
        x = torch.cat([x, self.tags(tags), self.distance_a(da), self.distance_b(db)], dim=-1) * (segments > 0).unsqueeze(-1)
        h = torch.relu(self.conv(x.transpose(1, 2)))
        return self.out(self.dropout(self.pool(h, segments)))

class Multi(Base):
    def __init__(self, vectors, filters, tag_dim, distance_dim, dropout, labels=5):
        super().__init__(vectors, filters, tag_dim, distance_dim, dropout, labels)
        d = vectors.shape[1] + tag_dim + 2 * distance_dim
        self.conv5 = nn.Conv1d(d, filters, 5, padding=2)
        self.out = nn.Linear(6 * filters, labels)
    def forward(self, *inp):
        x = self.embed(*inp).transpose(1, 2); seg = inp[5]
        h = torch.cat([self.pool(torch.relu(self.conv(x)), seg), self.pool(torch.relu(self.conv5(x)), seg)], 1)
        return self.out(self.dropout(h))

class Deep(Base):
    """two conv layers (second dilated 2): wider context"""
    def __init__(self, vectors, filters, tag_dim, distance_dim, dropout, labels=5):
        super().__init__(vectors, filters, tag_dim, distance_dim, dropout, labels)
        self.conv2 = nn.Conv1d(filters, filters, 3, padding=2, dilation=2)
        self.out = nn.Linear(3 * filters, labels)
    def forward(self, *inp):
        x = self.embed(*inp).transpose(1, 2); seg = inp[5]
        h = torch.relu(self.conv(x)) * (seg > 0).unsqueeze(1)
        h = torch.relu(self.conv2(h)) + h
        return self.out(self.dropout(self.pool(h, seg)))

class LSTM(Base):
    def __init__(self, vectors, filters, tag_dim, distance_dim, dropout, labels=5):
        super().__init__(vectors, filters, tag_dim, distance_dim, dropout, labels)
        d = vectors.shape[1] + tag_dim + 2 * distance_dim
        self.lstm = nn.LSTM(d, filters // 2, batch_first=True, bidirectional=True)
        self.out = nn.Linear(3 * filters, labels)
    def forward(self, *inp):
        x = self.embed(*inp); seg = inp[5]
        h, _ = self.lstm(x)
        return self.out(self.dropout(self.pool(h.transpose(1, 2), seg)))

ARCH = {'pcnn': tse.PairEncoder, 'ft': FineTune, 'multi': Multi, 'deep': Deep, 'lstm': LSTM}

def run(arch, opts):
    items = [json.loads(l) for l in open(PAIRS) if l.strip()]
    words, q, scale = tse.load_vectors(items, 30000)
    vocab = {w: i for i, w in enumerate(words)}
    vectors = q.astype(np.float32) * scale[:, None]
    class A: pass
    args = A(); args.epochs = 8; args.filters = 64; args.tag_dim = 16; args.distance_dim = 8; args.dropout = 0.5; args.lr = 1e-3; args.batch = 32
    args.class_power = 0.5; args.labels = 5; args.unmarked_weight = 0.5; args.news_weight = 0.2
    for k, v in opts.items(): setattr(args, k, v)
    tse.PairEncoder_orig = getattr(tse, 'PairEncoder_orig', tse.PairEncoder)
    tse.PairEncoder = ARCH[arch] if arch != 'pcnn' else tse.PairEncoder_orig
    groups = sorted({p['group'] for p in items}); random.Random(1).shuffle(groups)
    fold_of = {g: i % 5 for i, g in enumerate(groups)}
    res = []
    for k in args.folds_run:
        tr = [p for p in items if fold_of[p['group']] != k]; held = [p for p in items if fold_of[p['group']] == k]
        t0 = time.time()
        ms = [tse.train(tr, vectors, vocab, args, 1 + 1000 * m + k) for m in range(args.members)]
        oof = tse.predict(ms, held, vocab)
        seen = set(); marked = []
        for p in held:
            key = (' '.join(p['words']), tuple(p['a']), tuple(p['b']))
            marked.append(not p.get('unmarked') and key not in seen); seen.add(key)
        marked = np.array(marked); um = np.array([bool(p.get('unmarked')) for p in held])
        gold = np.array([p['label'] for p in held])[marked]
        o = oof[marked]; u = oof[um]
        row = {'arch': opts.get('label', arch), 'fold': k, 'secs': round(time.time() - t0), 'argmax5': round(100 * tse.five_class_f1(gold, o.argmax(1)), 1)}
        curve = []
        for t in [x / 100 for x in range(15, 96, 5)]:
            g = tse.decide(o, t); p, r, f = tse.edge_prf(gold, g)
            ue = int(np.sum(tse.decide(u, t) > 0)); allp = p * np.sum(g > 0) / max(1, np.sum(g > 0) + ue)
            curve.append((t, round(100*p,1), round(100*r,1), round(100*f,1), round(100*tse.five_class_f1(gold, g),1), round(100*allp,1)))
        e45 = [c for c in curve if c[5] >= 45] or curve
        b = max(e45, key=lambda c: c[3])
        row['at45'] = b; row['best5'] = max(c[4] for c in curve); row['bestF1'] = max(c[3] for c in curve)
        row['curve'] = curve
        res.append(row)
        print(json.dumps({k2: v for k2, v in row.items() if k2 != 'curve'}), flush=True)
    return res

# --- sentence-shared encoder: deep features once per sentence, a light per-pair layer
NAMES = {}
def build_names(items):
    for p in items:
        key = ' '.join(p['words'])
        s = NAMES.setdefault(key, set())
        for span in (p['a'], p['b']):
            if span: s.update(range(span[0], span[1] + 1))

_orig_tensors = tse.tensors
def tensors_names(items, vocab):
    out = _orig_tensors(items, vocab)
    n = out[0].shape[1]
    names = np.zeros((len(items), n), dtype=np.int64)
    for i, p in enumerate(items):
        for t in NAMES.get(' '.join(p['words']), ()):
            if t < n: names[i, t] = 1
    return out + [torch.tensor(names)]

class Shared(Base):
    def __init__(self, vectors, filters, tag_dim, distance_dim, dropout, labels=5):
        super().__init__(vectors, filters, tag_dim, distance_dim, dropout, labels)
        d = vectors.shape[1] + tag_dim
        self.name_marker = nn.Parameter(torch.randn(vectors.shape[1]) * 0.1)
        self.c1 = nn.Conv1d(d, filters, 3, padding=1)
        self.c2 = nn.Conv1d(filters, filters, 3, padding=2, dilation=2)
        self.proj = nn.Linear(filters, filters)
        self.da = nn.Embedding(2 * tse.MAX_DISTANCE + 1, filters)
        self.db = nn.Embedding(2 * tse.MAX_DISTANCE + 1, filters)
        self.mk = nn.Parameter(torch.zeros(3, filters))
        self.out = nn.Linear(3 * filters, labels)
    def forward(self, words, marks, tags, da, db, segments, names):
        x = self.words(words)
        x = torch.where((names == 1).unsqueeze(-1), self.name_marker.expand_as(x), x)
        valid = (segments > 0).unsqueeze(-1)
        x = torch.cat([x, self.tags(tags)], -1) * valid
        h = torch.relu(self.c1(x.transpose(1, 2))) * valid.transpose(1, 2)
        h = (torch.relu(self.c2(h)) + h) * valid.transpose(1, 2)
        p = self.proj(h.transpose(1, 2)) + self.da(da) + self.db(db) + self.mk[marks]
        z = torch.relu(p).transpose(1, 2)
        return self.out(self.dropout(self.pool(z, segments)))

ARCH['shared'] = Shared
_orig_run = run
def run(arch, opts):
    if arch == 'shared':
        items = [json.loads(l) for l in open(PAIRS) if l.strip()]
        build_names(items)
        tse.tensors = tensors_names
    return _orig_run(arch, opts)
# --- multi-task: the same PCNN, an extra tone head trained on NewsMTSC targets alongside
def train_mtl(items, vectors, vocab, args, seed):
    torch.manual_seed(seed); random.seed(seed)
    model = tse.PairEncoder_orig(vectors, args.filters, args.tag_dim, args.distance_dim, args.dropout, 5)
    model.tone_out = nn.Linear(3 * args.filters, 3)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    counts = np.bincount([p['label'] for p in items if not p.get('unmarked')], minlength=5).astype(np.float64)
    weights = torch.tensor((counts.sum() / (5 * np.maximum(counts, 1))) ** args.class_power, dtype=torch.float32)
    loss_of = nn.CrossEntropyLoss(weight=weights, reduction='none')
    tone_loss = nn.CrossEntropyLoss()
    def batches_of(its):
        order = sorted(range(len(its)), key=lambda i: len(its[i]['words']))
        return [order[i:i + args.batch] for i in range(0, len(order), args.batch)]
    prepared = [('dse', tse.tensors([items[i] for i in b], vocab), torch.tensor([items[i]['label'] for i in b]),
                 torch.tensor([tse.item_weight(items[i], args) for i in b])) for b in batches_of(items)]
    tone = TONE
    prepared += [('tone', tse.tensors([tone[i] for i in b], vocab), torch.tensor([tone[i]['label'] for i in b]), None) for b in batches_of(tone)]
    def features(m, words, marks, tags, da, db, segments):
        x = m.words(words)
        x = torch.where((marks == 1).unsqueeze(-1), m.markers[0].expand_as(x), x)
        x = torch.where((marks == 2).unsqueeze(-1), m.markers[1].expand_as(x), x)
        x = torch.cat([x, m.tags(tags), m.distance_a(da), m.distance_b(db)], dim=-1) * (segments > 0).unsqueeze(-1)
        h = torch.relu(m.conv(x.transpose(1, 2)))
        pooled = [torch.where((segments == s + 1).unsqueeze(1), h, torch.zeros_like(h)).max(dim=2).values for s in range(3)]
        return m.dropout(torch.cat(pooled, 1))
    for epoch in range(args.epochs):
        model.train(); random.shuffle(prepared)
        for kind, inputs, gold, iw in prepared:
            opt.zero_grad()
            f = features(model, *inputs)
            if kind == 'dse':
                loss = (loss_of(model.out(f), gold) * iw).sum() / (weights[gold] * iw).sum()
            else:
                loss = args.tone_weight * tone_loss(model.tone_out(f), gold)
            loss.backward(); opt.step()
    model.eval()
    return model

TONE = []
_run2 = run
def run(arch, opts):
    if arch == 'mtl':
        global TONE
        TONE = [json.loads(l) for l in open(TONE_FILE) if l.strip()]
        if opts.get('tone_frac'): TONE = TONE[:int(len(TONE) * opts['tone_frac'])]
        opts.setdefault('tone_weight', 0.5)
        opts['label'] = 'mtl'
        tse.train = train_mtl
        return _run2('pcnn', opts)
    return _run2(arch, opts)

PAIRS, TONE_FILE = '/tmp/pairs.jsonl', '/tmp/tone.jsonl'

if __name__ == '__main__':
    arch = sys.argv[1]
    PAIRS = sys.argv[3] if len(sys.argv) > 3 else '/tmp/pairs.jsonl'
    TONE_FILE = sys.argv[4] if len(sys.argv) > 4 else '/tmp/tone.jsonl'; opts = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    opts.setdefault('members', 1); opts.setdefault('folds_run', [0])
    r = run(arch, opts)


