/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* Gradient boosting with histogram trees, in the manner of XGBoost's "hist" method.
 *
 * Features are cut into at most max_bins quantile bins on the training rows
 * (easel-bins.c), with a bin of their own for missing values. Each round adds one tree
 * per score (one for numbers and two classes, one per class otherwise) fitted to the
 * first and second derivatives of the loss (squared error, log-loss, softmax): a split
 * scores ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] and a leaf holds −η G/(H+λ).
 * Missing values go the way that scores better at each split (the other way when the
 * node had none: towards the larger child). Trees grow level by level up to max_depth;
 * with max_leaves, the best splits of a level are taken first until the tree has that
 * many leaves. A node's histogram is summed over its rows only for the smaller child;
 * the larger one is its parent's minus it.
 *
 * Threads: histograms are summed over fixed chunks of each node's rows and the chunks
 * added in order, splits are compared in feature order, and losses go through
 * easel_parallel_sum(): a seed gives the same model with any number of threads. */

#include <math.h>
#include <string.h>

#include "easel-bins.h"
#include "easel-error.h"
#include "easel-eval.h"
#include "easel-model-private.h"

#define STATE_VERSION 1
/* Rows per chunk of a histogram sum and of a partition. */
#define HIST_CHUNK 65536
#define PART_CHUNK 65536
/* Binning looks at this many rows at most (evenly strided). */
#define SKETCH_ROWS 200000
/* The smallest sum of second derivatives a child may have. */
#define MIN_HESSIAN 1e-3
/* Histograms kept between levels; past this, nodes are summed again when needed. */
#define HIST_BUDGET ((gsize) 512 << 20)
/* Share of the training rows held out for early stopping. */
#define VALID_FRACTION 0.1

enum { PARAM_N_TREES, PARAM_LEARNING_RATE, PARAM_MAX_DEPTH, PARAM_MAX_LEAVES,
       PARAM_MIN_SAMPLES_LEAF, PARAM_L2, PARAM_MAX_BINS, PARAM_SUBSAMPLE, PARAM_COLSAMPLE,
       PARAM_EARLY_STOPPING };

typedef struct
{
  gint32  feature;       /* −1 for a leaf */
  gint32  left;
  gint32  right;
  float   threshold;     /* x <= threshold goes left */
  guint8  default_left;  /* where a missing value goes */
  guint8  bin;           /* training only: bin <= this goes left */
  double  value;         /* leaf: the score it adds (learning rate included) */
  double  gain;          /* split: the loss it removed */
} Node;

typedef struct
{
  guint  n_nodes;
  Node  *nodes;
} Tree;

typedef struct
{
  guint          p;
  guint          k;          /* scores per row: 1, or the number of classes */
  EaselProblem   problem;
  guint          n_rounds;
  double        *base;       /* k starting scores */
  Tree          *trees;      /* n_rounds × k, round-major */
  double        *importance; /* p: total gain */
} Gbdt;

static void
gbdt_free (gpointer state)
{
  Gbdt *m = state;

  if (m == NULL)
    return;
  for (gsize t = 0; t < (gsize) m->n_rounds * m->k; t++)
    g_free (m->trees[t].nodes);
  g_free (m->trees);
  g_free (m->base);
  g_free (m->importance);
  g_free (m);
}

/* Growing one tree */

/* A histogram: hist_size bins, each the sums of its rows' derivatives and their count,
 * in 32 bytes on a 32-byte boundary: adding a row to a bin is one vector add (two without
 * AVX), to one cache line. */
typedef struct
{
  double g;
  double h;
  double n;
  double unused;
} Bin;

typedef double BinVector __attribute__ ((vector_size (32)));

typedef struct
{
  float g;
  float h;
} Grad;

typedef struct
{
  gboolean found;
  double   gain;
  guint    feature;
  guint    bin;
  gboolean default_left;
  double   gl, hl, nl;
} Split;

/* A node still open for splitting: its rows are seg[start..end) of the current buffer. */
typedef struct
{
  gint32  id;
  gsize   start;
  gsize   end;
  double  g, h;
  Bin    *hist;    /* NULL: not summed (yet) */
  Split   split;
} Open;

typedef struct
{
  /* data */
  const guint8       *bins;      /* n × p */
  const guint8       *cols;      /* the same, column by column: p × n */
  gsize               n;
  guint               p;
  const EaselBinCuts *cuts;
  const guint        *offset;    /* p + 1: where each feature's histogram starts */
  gsize               hist_size; /* offset[p] */
  gsize               hist_bytes;
  /* options */
  guint               max_depth;
  guint               max_leaves;  /* 0: no limit */
  double              min_leaf;
  double              lambda;
  double              eta;
  /* this tree */
  const Grad         *grad;      /* indexed by row */
  const guint        *features;  /* the features this tree may use */
  guint               n_features;
} Builder;

static Bin *
hist_new (const Builder *b)
{
  return g_aligned_alloc (1, b->hist_bytes, 64);
}

static void
hist_free (gpointer hist)
{
  g_aligned_free (hist);
}

/* Sum rows[0..m) into hist (zeroed here). Built for AVX2 too where the CPU has it. */
#if defined(EASEL_HAVE_IFUNC) && defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
sum_rows (const Builder *b,
          const guint32 *rows,
          gsize          m,
          Bin           *hist)
{
  const guint p = b->p;
  const guint *offset = b->offset;
  BinVector *bins = (BinVector *) hist;

  memset (hist, 0, b->hist_bytes);
  for (gsize a = 0; a < m; a++)
    {
      guint32 r = rows[a];
      const guint8 *row = b->bins + (gsize) r * p;
      const BinVector add = { b->grad[r].g, b->grad[r].h, 1.0, 0.0 };

      if (a + 16 < m)
        {
          __builtin_prefetch (b->bins + (gsize) rows[a + 16] * p);
          __builtin_prefetch (b->grad + rows[a + 16]);
        }
      for (guint j = 0; j < p; j++)
        bins[offset[j] + row[j]] += add;
    }
}

typedef struct
{
  const guint32 *rows;
  gsize          m;
  Bin           *out;
} HistJob;

/* Sum each job's rows into its histogram: rows are cut into chunks of HIST_CHUNK (the
 * same cut whatever the threads), summed in parallel, and the chunks added in order. */
static void
sum_hists (const Builder *b,
           HistJob       *jobs,
           guint          n_jobs)
{
  g_autofree gsize *first = g_new (gsize, n_jobs + 1);
  Bin *partial = NULL;
  gsize n_tasks = 0, n_partial = 0, total = 0;
  g_autofree guint *task_job = NULL;
  g_autofree gsize *task_chunk = NULL;
  g_autofree gsize *task_slot = NULL;

  for (guint i = 0; i < n_jobs; i++)
    {
      gsize chunks = MAX ((gsize) 1, (jobs[i].m + HIST_CHUNK - 1) / HIST_CHUNK);
      first[i] = n_tasks;
      n_tasks += chunks;
      total += jobs[i].m;
      if (chunks > 1)
        n_partial += chunks;
    }
  first[n_jobs] = n_tasks;
  task_job = g_new (guint, MAX (n_tasks, 1));
  task_chunk = g_new (gsize, MAX (n_tasks, 1));
  task_slot = g_new (gsize, MAX (n_tasks, 1));
  if (n_partial > 0)
    partial = g_aligned_alloc (n_partial, b->hist_bytes, 64);
  {
    gsize slot = 0;
    for (guint i = 0; i < n_jobs; i++)
      for (gsize t = first[i]; t < first[i + 1]; t++)
        {
          task_job[t] = i;
          task_chunk[t] = t - first[i];
          task_slot[t] = first[i + 1] - first[i] > 1 ? slot++ : G_MAXSIZE;
        }
  }

  /* (Threads only for enough rows: a parallel region costs more than a small sum.) */
#pragma omp parallel for schedule(dynamic, 1) if (n_tasks > 1 && total > 2 * HIST_CHUNK)
  for (gsize t = 0; t < n_tasks; t++)
    {
      const HistJob *job = &jobs[task_job[t]];
      gsize begin = task_chunk[t] * HIST_CHUNK, end = MIN (job->m, begin + HIST_CHUNK);
      Bin *out = task_slot[t] == G_MAXSIZE
                   ? job->out
                   : (Bin *) ((char *) partial + task_slot[t] * b->hist_bytes);
      sum_rows (b, job->rows + begin, end - begin, out);
    }

  if (n_partial == 0)
    return;
  /* Add the chunks in order, in parallel over jobs × blocks of bins. */
  {
    const gsize block = 1024;
    gsize n_blocks = (b->hist_size + block - 1) / block;

#pragma omp parallel for schedule(dynamic, 1)
    for (gsize w = 0; w < (gsize) n_jobs * n_blocks; w++)
      {
        guint i = (guint) (w / n_blocks);
        gsize lo = (w % n_blocks) * block, hi = MIN (b->hist_size, lo + block);
        gsize t0 = first[i], t1 = first[i + 1];

        if (t1 - t0 < 2)
          continue;
        for (gsize e = lo; e < hi; e++)
          {
            Bin s = { 0, 0, 0, 0 };
            for (gsize t = t0; t < t1; t++)
              {
                Bin *x = (Bin *) ((char *) partial + task_slot[t] * b->hist_bytes);
                s.g += x[e].g;
                s.h += x[e].h;
                s.n += x[e].n;
              }
            jobs[i].out[e] = s;
          }
      }
  }
  g_aligned_free (partial);
}

static inline double
score_of (double g,
          double h,
          double lambda)
{
  return g * g / (h + lambda);
}

/* The best split of a node on feature j, from its histogram. */
static Split
best_split_on (const Builder *b,
               const Open    *node,
               double         n_node,
               guint          j)
{
  Split best = { FALSE, 0.0, j, 0, FALSE, 0, 0, 0 };
  const Bin *hist = node->hist + b->offset[j];
  guint nb = b->cuts->n_bins[j];
  const Bin miss = hist[nb];
  double miss_n = miss.n;
  double parent = score_of (node->g, node->h, b->lambda);
  double gl = 0, hl = 0, nl = 0;

  /* The last bin sends every value left: it splits the missing values off. */
  for (guint bin = 0; bin < nb; bin++)
    {
      gl += hist[bin].g;
      hl += hist[bin].h;
      nl += hist[bin].n;
      for (int dir = 0; dir < 2; dir++)
        {
          /* dir 0: missing goes right; dir 1: left (only when there are some). */
          double cgl = gl, chl = hl, cnl = nl, gain;
          if (dir == 1)
            {
              if (miss_n == 0 || bin + 1 == nb)
                break;
              cgl += miss.g;
              chl += miss.h;
              cnl += miss_n;
            }
          if (cnl < b->min_leaf || n_node - cnl < b->min_leaf || chl < MIN_HESSIAN ||
              node->h - chl < MIN_HESSIAN)
            continue;
          gain = 0.5 * (score_of (cgl, chl, b->lambda) +
                        score_of (node->g - cgl, node->h - chl, b->lambda) - parent);
          if (gain > best.gain)
            {
              best.found = TRUE;
              best.gain = gain;
              best.bin = bin;
              best.default_left = dir == 1;
              best.gl = cgl;
              best.hl = chl;
              best.nl = cnl;
            }
        }
    }
  /* Nothing missing here: send later missing values to the larger side. */
  if (best.found && miss_n == 0)
    best.default_left = best.nl >= n_node - best.nl;
  return best;
}

static double
node_rows (const Open *o)
{
  return (double) (o->end - o->start);
}

/* Add the leaf value to the scores of its rows. */
static void
apply_leaf (const guint32 *rows,
            gsize          m,
            double         value,
            double        *score,
            guint          k,
            guint          c)
{
  for (gsize a = 0; a < m; a++)
    score[(gsize) rows[a] * k + c] += value;
}

static gint32
add_node (GArray *nodes)
{
  Node nd = { -1, -1, -1, 0.0f, 0, 0, 0.0, 0.0 };

  g_array_append_val (nodes, nd);
  return (gint32) nodes->len - 1;
}

static void
make_leaf (const Builder *b,
           GArray        *nodes,
           const Open    *o,
           const guint32 *buf,
           double        *score,
           guint          k,
           guint          c)
{
  double value = -b->eta * o->g / (o->h + b->lambda);

  g_array_index (nodes, Node, o->id).value = value;
  apply_leaf (buf + o->start, o->end - o->start, value, score, k, c);
}

typedef struct
{
  guint  node;   /* index into the level's open nodes */
  gsize  begin;
  gsize  end;
  gsize  n_left;
} PartTask;

static int
compare_gain (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const Open *open = data;
  const Open *x = &open[*(const guint *) a], *y = &open[*(const guint *) b];

  if (x->split.gain != y->split.gain)
    return x->split.gain > y->split.gain ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Grow one tree on rows[0..n_rows) (ascending), add its leaves to 'score' (column c of
 * n × k) for those rows, and return its nodes. 'rows' and 'other' (n_rows each) are
 * scratch space. */
static Tree
grow_tree (const Builder *b,
           guint32       *rows,
           guint32       *other,
           gsize          n_rows,
           double        *score,
           guint          k,
           guint          c)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Open));
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (Open));
  gsize hist_bytes = b->hist_bytes;
  guint n_leaves = 1;
  guint32 *buf = rows, *alt = other;   /* the rows of the open nodes; scratch */
  Tree tree;

  {
    Open root = { add_node (nodes), 0, n_rows, 0, 0, NULL, { FALSE } };
    HistJob job;

    root.hist = hist_new (b);
    job.rows = rows;
    job.m = n_rows;
    job.out = root.hist;
    sum_hists (b, &job, 1);
    /* The node's sums from any one feature's histogram. */
    for (guint e = b->offset[0]; e < b->offset[1]; e++)
      {
        root.g += root.hist[e].g;
        root.h += root.hist[e].h;
      }
    g_array_append_val (open, root);
  }

  for (guint depth = 0; open->len > 0; depth++)
    {
      Open *on = (Open *) open->data;
      guint n_open = open->len;
      gboolean last = depth >= b->max_depth ||
                      (b->max_leaves > 0 && n_leaves >= b->max_leaves);
      g_autofree guint *order = NULL;
      g_autoptr(GArray) tasks = NULL;
      g_autofree gsize *n_lefts = g_new (gsize, MAX (n_open, 1));
      gsize n_moved;
      guint n_split = 0;

      if (last)
        {
          for (guint i = 0; i < n_open; i++)
            {
              make_leaf (b, nodes, &on[i], buf, score, k, c);
              hist_free (on[i].hist);
            }
          g_array_set_size (open, 0);
          break;
        }

      /* Sum the nodes that have no histogram, in batches that fit the budget; find
       * every node's best split. */
      {
        gsize cap = MAX ((gsize) 1, HIST_BUDGET / MAX (hist_bytes, 1));
        guint i = 0;

        while (i < n_open)
          {
            g_autofree HistJob *jobs = g_new (HistJob, n_open);
            guint n_jobs = 0, end = i;
            g_autofree Split *found = NULL;

            for (; end < n_open && n_jobs < cap; end++)
              if (on[end].hist == NULL && node_rows (&on[end]) >= 2 * b->min_leaf)
                {
                  on[end].hist = hist_new (b);
                  jobs[n_jobs].rows = buf + on[end].start;
                  jobs[n_jobs].m = on[end].end - on[end].start;
                  jobs[n_jobs].out = on[end].hist;
                  n_jobs++;
                }
            if (n_jobs > 0)
              sum_hists (b, jobs, n_jobs);

            found = g_new (Split, (gsize) (end - i) * b->n_features);
#pragma omp parallel for schedule(dynamic, 4) if ((gsize) (end - i) * b->hist_size > 200000)
            for (gsize w = 0; w < (gsize) (end - i) * b->n_features; w++)
              {
                const Open *o = &on[i + w / b->n_features];
                if (o->hist == NULL)
                  found[w].found = FALSE;   /* too few rows to split */
                else
                  found[w] = best_split_on (b, o, node_rows (o), b->features[w % b->n_features]);
              }
            for (guint a = i; a < end; a++)
              {
                Split best = { FALSE };
                /* In feature order, the first best wins. */
                for (guint f = 0; f < b->n_features; f++)
                  {
                    const Split *s = &found[(gsize) (a - i) * b->n_features + f];
                    if (s->found && (!best.found || s->gain > best.gain))
                      best = *s;
                  }
                on[a].split = best;
              }
            /* Histograms summed only for this search are not kept (over the budget). */
            if (n_jobs > 0 && n_open > cap)
              for (guint a = i; a < end; a++)
                g_clear_pointer (&on[a].hist, hist_free);
            i = end;
          }
      }

      /* Which nodes split: all that found one, or with max_leaves the best first. */
      order = g_new (guint, n_open);
      for (guint i = 0; i < n_open; i++)
        if (on[i].split.found)
          order[n_split++] = i;
      if (b->max_leaves > 0)
        {
          g_qsort_with_data (order, (gint) n_split, sizeof (guint), compare_gain, on);
          n_split = MIN (n_split, b->max_leaves - n_leaves);
        }
      n_leaves += n_split;

      /* The others become leaves now. */
      {
        g_autofree gboolean *splits = g_new0 (gboolean, n_open);
        for (guint s = 0; s < n_split; s++)
          splits[order[s]] = TRUE;
        for (guint i = 0; i < n_open; i++)
          {
            on[i].split.found = splits[i];
            if (!splits[i])
              {
                make_leaf (b, nodes, &on[i], buf, score, k, c);
                g_clear_pointer (&on[i].hist, hist_free);
              }
          }
        /* Keep the open nodes in tree order. */
        n_split = 0;
        for (guint i = 0; i < n_open; i++)
          if (splits[i])
            order[n_split++] = i;
      }

      /* Record the splits and partition their rows (stable) into the other buffer. */
      tasks = g_array_new (FALSE, FALSE, sizeof (PartTask));
      n_moved = 0;
      for (guint s = 0; s < n_split; s++)
        {
          Open *o = &on[order[s]];
          Node *nd;
          gint32 left = add_node (nodes), right = add_node (nodes);

          nd = &g_array_index (nodes, Node, o->id);
          nd->feature = (gint32) o->split.feature;
          nd->bin = (guint8) o->split.bin;
          nd->threshold = o->split.bin + 1 < b->cuts->n_bins[o->split.feature]
                            ? b->cuts->cuts[o->split.feature][o->split.bin]
                            : INFINITY;
          nd->default_left = (guint8) o->split.default_left;
          nd->gain = o->split.gain;
          nd->left = left;
          nd->right = right;
          n_moved += o->end - o->start;
          for (gsize at = o->start; at < o->end; at += PART_CHUNK)
            {
              PartTask t = { s, at, MIN (o->end, at + PART_CHUNK), 0 };
              g_array_append_val (tasks, t);
            }
        }
      {
        PartTask *pt = (PartTask *) tasks->data;
        const Node *nv = (const Node *) nodes->data;
        g_autofree gsize *left_at = g_new (gsize, MAX (n_split, 1));
        g_autofree gsize *right_at = g_new (gsize, MAX (n_split, 1));
        g_autofree gsize *right_start = g_new (gsize, MAX (tasks->len, 1));
        g_autofree gsize *left_start = g_new (gsize, MAX (tasks->len, 1));

        /* Each chunk sorts its rows into 'alt' at its own place: lefts forward from its
         * start, rights backward from its end. */
#pragma omp parallel for schedule(dynamic, 1) if (tasks->len > 1 && n_moved > PART_CHUNK)
        for (guint t = 0; t < tasks->len; t++)
          {
            const Node *nd = &nv[on[order[pt[t].node]].id];
            const guint8 *col = b->cols + (gsize) nd->feature * b->n;
            guint8 missing = (guint8) b->cuts->n_bins[nd->feature], cut = nd->bin;
            gboolean dl = nd->default_left;
            gsize l = pt[t].begin, r = pt[t].end;
            /* Branch-free: write the row on both ends, advance one of them. */
            for (gsize a = pt[t].begin; a < pt[t].end; a++)
              {
                guint32 row = buf[a];
                guint8 v = col[row];
                gsize left = v == missing ? (gsize) dl : (gsize) (v <= cut);
                alt[l] = row;
                alt[r - 1] = row;
                l += left;
                r -= 1 - left;
              }
            pt[t].n_left = l - pt[t].begin;
          }
        /* Lefts from the node's start, rights after all its lefts; chunks in order. */
        for (guint s = 0; s < n_split; s++)
          n_lefts[s] = 0;
        for (guint t = 0; t < tasks->len; t++)
          n_lefts[pt[t].node] += pt[t].n_left;
        for (guint s = 0; s < n_split; s++)
          {
            left_at[s] = on[order[s]].start;
            right_at[s] = on[order[s]].start + n_lefts[s];
          }
        for (guint t = 0; t < tasks->len; t++)
          {
            guint s = pt[t].node;
            left_start[t] = left_at[s];
            left_at[s] += pt[t].n_left;
            right_start[t] = right_at[s];
            right_at[s] += (pt[t].end - pt[t].begin) - pt[t].n_left;
          }
        /* Gather them back into 'buf' in their final places (rights reversed back). */
#pragma omp parallel for schedule(dynamic, 1) if (tasks->len > 1 && n_moved > PART_CHUNK)
        for (guint t = 0; t < tasks->len; t++)
          {
            gsize nl = pt[t].n_left, nr = (pt[t].end - pt[t].begin) - nl;
            const guint32 *rights = alt + pt[t].end;
            guint32 *dst = buf + right_start[t];
            memcpy (buf + left_start[t], alt + pt[t].begin, nl * sizeof (guint32));
            for (gsize i = 0; i < nr; i++)
              dst[i] = rights[-1 - (gssize) i];
          }
      }

      /* The children: the next level's open nodes, with histograms when they fit. */
      g_array_set_size (next, 0);
      {
        guint child_depth = depth + 1;
        gboolean more = child_depth < b->max_depth &&
                        (b->max_leaves == 0 || n_leaves < b->max_leaves);
        gboolean keep = more && (gsize) 2 * n_split <= HIST_BUDGET / MAX (hist_bytes, 1);
        g_autoptr(GArray) jobs = g_array_new (FALSE, FALSE, sizeof (HistJob));
        g_autofree guint *bigger = g_new (guint, MAX (n_split, 1));

        for (guint s = 0; s < n_split; s++)
          {
            const Open *o = &on[order[s]];
            const Node *nd = &g_array_index (nodes, Node, o->id);
            gsize mid = o->start + n_lefts[s];
            Open l = { nd->left, o->start, mid, o->split.gl, o->split.hl, NULL, { FALSE } };
            Open r = { nd->right, mid, o->end, o->g - o->split.gl, o->h - o->split.hl, NULL,
                       { FALSE } };

            if (keep && o->hist != NULL)
              {
                HistJob job;
                gboolean left_small = l.end - l.start <= r.end - r.start;
                Open *small = left_small ? &l : &r;

                small->hist = hist_new (b);
                job.rows = buf + small->start;
                job.m = small->end - small->start;
                job.out = small->hist;
                g_array_append_val (jobs, job);
                bigger[s] = left_small ? 1 : 0;
              }
            g_array_append_val (next, l);
            g_array_append_val (next, r);
          }
        if (jobs->len > 0)
          sum_hists (b, (HistJob *) jobs->data, jobs->len);
        if (keep)
          for (guint s = 0; s < n_split; s++)
            {
              Open *o = &on[order[s]];
              Open *small, *big;
              if (o->hist == NULL)
                continue;
              big = &g_array_index (next, Open, 2 * s + bigger[s]);
              small = &g_array_index (next, Open, 2 * s + 1 - bigger[s]);
              big->hist = o->hist;   /* parent − smaller, in place */
              o->hist = NULL;
              for (gsize e = 0; e < b->hist_size; e++)
                {
                  big->hist[e].g -= small->hist[e].g;
                  big->hist[e].h -= small->hist[e].h;
                  big->hist[e].n -= small->hist[e].n;
                }
            }
        for (guint s = 0; s < n_split; s++)
          g_clear_pointer (&on[order[s]].hist, hist_free);
      }

      /* Children that cannot split become leaves at the next level's "last" check or by
       * finding no split. */
      {
        GArray *t = open;
        open = next;
        next = t;
      }
    }

  tree.n_nodes = nodes->len;
  tree.nodes = (Node *) g_array_free (g_steal_pointer (&nodes), FALSE);
  return tree;
}

/* Losses and derivatives */

static inline double
sigmoid (double z)
{
  if (z >= 0)
    return 1.0 / (1.0 + exp (-z));
  {
    double e = exp (z);
    return e / (1.0 + e);
  }
}

typedef struct
{
  const EaselFitData *data;
  const guint32      *rows;     /* the rows to look at */
  const double       *score;    /* n × k */
  guint               k;
  Grad               *grad;     /* k × n, or NULL: loss only */
  gboolean            loss;     /* FALSE: derivatives only (the loss is NaN) */
} LossPass;

/* Mean loss terms of rows[begin..end), and their derivatives when asked. */
static void
loss_chunk (gsize    begin,
            gsize    end,
            double  *acc,
            gpointer user_data)
{
  const LossPass *lp = user_data;
  const EaselFitData *d = lp->data;
  gsize n = d->n;
  guint k = lp->k;
  double sum = 0.0;

  for (gsize a = begin; a < end; a++)
    {
      guint32 r = lp->rows[a];
      const double *f = lp->score + (gsize) r * k;

      if (d->problem == EASEL_PROBLEM_REGRESSION)
        {
          double e = f[0] - d->y[r];
          sum += e * e;
          if (lp->grad != NULL)
            {
              lp->grad[r].g = (float) e;
              lp->grad[r].h = 1.0f;
            }
        }
      else if (k == 1)
        {
          double y = d->labels[r] == 1 ? 1.0 : 0.0;
          /* One exp for the loss and σ, in single precision: the derivatives are stored
           * as floats anyway. */
          double e = expf ((float) -fabs (f[0]));
          if (lp->loss)
            sum += MAX (f[0], 0.0) + log1p (e) - y * f[0];
          if (lp->grad != NULL)
            {
              double pr = f[0] >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
              lp->grad[r].g = (float) (pr - y);
              lp->grad[r].h = (float) MAX (pr * (1.0 - pr), 1e-16);
            }
        }
      else
        {
          double s[EASEL_DESIGN_MAX_CLASSES + 1];
          double max = -INFINITY, z = 0.0;
          guint y = (guint) d->labels[r];

          for (guint c = 0; c < k; c++)
            max = MAX (max, f[c]);
          for (guint c = 0; c < k; c++)
            {
              s[c] = exp (f[c] - max);
              z += s[c];
            }
          sum += max + log (z) - f[y];
          if (lp->grad != NULL)
            for (guint c = 0; c < k; c++)
              {
                double pr = s[c] / z;
                /* As XGBoost: twice the diagonal of the softmax Hessian. */
                lp->grad[(gsize) c * n + r].g = (float) (pr - (c == y ? 1.0 : 0.0));
                lp->grad[(gsize) c * n + r].h = (float) MAX (2.0 * pr * (1.0 - pr), 1e-16);
              }
        }
    }
  acc[0] += sum;
}

static double
loss_pass (const EaselFitData *data,
           const guint32      *rows,
           gsize               m,
           const double       *score,
           guint               k,
           Grad               *grad,
           gboolean            loss)
{
  LossPass lp = { data, rows, score, k, grad, loss };
  double total;

  if (m == 0 || (!loss && grad == NULL))
    return NAN;
  easel_parallel_sum (m, 1, loss_chunk, &lp, &total);
  return loss ? total / (double) m : NAN;
}

/* Walk a tree on the bins of row r (training) or the floats of x (prediction). */
static inline double
tree_value_bins (const Tree         *t,
                 const guint8       *row,
                 const EaselBinCuts *cuts)
{
  const Node *nd = t->nodes;

  while (nd->feature >= 0)
    {
      guint8 v = row[nd->feature];
      gboolean left = v == cuts->n_bins[nd->feature] ? nd->default_left : v <= nd->bin;
      nd = t->nodes + (left ? nd->left : nd->right);
    }
  return nd->value;
}

static inline double
tree_value (const Tree  *t,
            const float *x)
{
  const Node *nd = t->nodes;

  while (nd->feature >= 0)
    {
      float v = x[nd->feature];
      gboolean left = isnan (v) ? nd->default_left : v <= nd->threshold;
      nd = t->nodes + (left ? nd->left : nd->right);
    }
  return nd->value;
}

/* Fit */

static void
starting_scores (const EaselFitData *data,
                 const guint32      *rows,
                 gsize               m,
                 guint               k,
                 double             *base)
{
  if (data->problem == EASEL_PROBLEM_REGRESSION)
    {
      double s = 0.0;
      for (gsize a = 0; a < m; a++)
        s += data->y[rows[a]];
      base[0] = m > 0 ? s / (double) m : 0.0;
    }
  else
    {
      g_autofree double *count = g_new0 (double, data->n_classes);
      for (gsize a = 0; a < m; a++)
        count[data->labels[rows[a]]] += 1.0;
      if (k == 1)
        {
          double pr = CLAMP ((count[1] + 1e-12) / ((double) m + 2e-12), 1e-6, 1 - 1e-6);
          base[0] = log (pr / (1.0 - pr));
        }
      else
        for (guint c = 0; c < k; c++)
          base[c] = log (MAX (count[c] / MAX ((double) m, 1.0), 1e-6));
    }
}

static gpointer
gbdt_fit (const EaselFitData    *data,
          const double          *params,
          const EaselFitContext *context,
          GError               **error)
{
  gsize n = data->n;
  guint p = data->p;
  guint k = data->problem == EASEL_PROBLEM_MULTICLASS ? data->n_classes : 1;
  guint n_rounds = (guint) params[PARAM_N_TREES];
  guint patience = (guint) params[PARAM_EARLY_STOPPING];
  double subsample = params[PARAM_SUBSAMPLE];
  guint n_cols = MAX (1, (guint) floor (params[PARAM_COLSAMPLE] * p + 0.5));
  Gbdt *m = g_new0 (Gbdt, 1);
  g_autoptr(EaselSplit) split = NULL;
  g_autoptr(EaselBinCuts) cuts = NULL;
  g_autofree guint8 *bins = NULL;
  g_autofree guint8 *cols = NULL;
  g_autofree guint *offset = g_new (guint, p + 1);
  g_autofree guint32 *all = NULL;
  const guint32 *train;
  gsize n_train;
  const guint32 *valid = NULL;
  gsize n_valid = 0;
  g_autofree double *score = g_new (double, MAX (n, 1) * k);
  g_autofree Grad *grad = g_new (Grad, MAX (n, 1) * k);
  g_autofree guint32 *sample = NULL;
  g_autofree guint32 *scratch = NULL;
  g_autofree guint32 *scratch2 = NULL;
  g_autofree guint32 *outside = NULL;   /* rows whose scores come from walking the tree */
  g_autofree guint8 *in_sample = NULL;
  g_autofree guint *features = g_new (guint, MAX (p, 1));
  double best_loss = INFINITY;
  gsize last_sample = 0, last_outside = 0;
  guint best_round = 0, done = 0;
  EaselRng base_rng;
  Builder b = { 0 };

  if (k > EASEL_DESIGN_MAX_CLASSES + 1)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "Gradient boosting predicts at most %d classes; this target has %u.",
                   EASEL_DESIGN_MAX_CLASSES + 1, k);
      g_free (m);
      return NULL;
    }
  m->p = p;
  m->k = k;
  m->problem = data->problem;
  m->base = g_new0 (double, k);
  m->trees = g_new0 (Tree, (gsize) n_rounds * k);
  m->importance = g_new0 (double, MAX (p, 1));
  easel_rng_init (&base_rng, context->seed);

  /* Rows held out for early stopping (stratified for classes). */
  if (patience > 0)
    {
      split = easel_split_new (NULL, n, data->labels, data->n_classes, VALID_FRACTION,
                               context->seed);
      if (split->n_test == 0 || split->n_train == 0)
        g_clear_pointer (&split, easel_split_free);
    }
  if (split != NULL)
    {
      train = split->train;
      n_train = split->n_train;
      valid = split->test;
      n_valid = split->n_test;
    }
  else
    {
      all = g_new (guint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        all[i] = (guint32) i;
      train = all;
      n_train = n;
    }

  easel_progress_report (context->progress, 0.0, "Binning the features");
  cuts = easel_bin_cuts_new (data->x, p, train, n_train, (guint) params[PARAM_MAX_BINS],
                             SKETCH_ROWS);
  bins = easel_bin_cuts_apply (cuts, data->x, NULL, n);
  cols = g_new (guint8, MAX (n * p, 1));
#pragma omp parallel for schedule(static)
  for (guint j = 0; j < p; j++)
    for (gsize i = 0; i < n; i++)
      cols[(gsize) j * n + i] = bins[i * p + j];
  offset[0] = 0;
  for (guint j = 0; j < p; j++)
    offset[j + 1] = offset[j] + cuts->n_bins[j] + 1;
  if (easel_fit_check_cancelled (context, error))
    {
      gbdt_free (m);
      return NULL;
    }

  b.bins = bins;
  b.cols = cols;
  b.n = n;
  b.p = p;
  b.cuts = cuts;
  b.offset = offset;
  b.hist_size = offset[p];
  b.hist_bytes = b.hist_size * sizeof (Bin);
  b.max_depth = (guint) params[PARAM_MAX_DEPTH];
  b.max_leaves = (guint) params[PARAM_MAX_LEAVES];
  b.min_leaf = params[PARAM_MIN_SAMPLES_LEAF];
  b.lambda = params[PARAM_L2];
  b.eta = params[PARAM_LEARNING_RATE];
  b.features = features;

  starting_scores (data, train, n_train, k, m->base);
  for (gsize i = 0; i < n; i++)
    memcpy (score + i * k, m->base, k * sizeof (double));
  loss_pass (data, train, n_train, score, k, grad, FALSE);

  sample = g_new (guint32, MAX (n_train, 1));
  scratch = g_new (guint32, MAX (n_train, 1));
  scratch2 = g_new (guint32, MAX (n_train, 1));
  outside = g_new (guint32, MAX (n, 1));
  in_sample = g_new (guint8, MAX (n, 1));

  for (guint round = 0; round < n_rounds; round++)
    {
      gsize n_sample = 0, n_outside = 0;
      double train_loss, valid_loss = NAN;
      EaselRng rng;

      if (easel_fit_check_cancelled (context, error))
        {
          m->n_rounds = round;
          gbdt_free (m);
          return NULL;
        }
      easel_rng_fork (&base_rng, round, &rng);

      /* This round's rows: each training row with probability 'subsample'. */
      /* (Without subsampling every round has the same rows: drawn once.) */
      if (round == 0 || subsample < 1.0)
        {
          memset (in_sample, 0, n);
          for (gsize a = 0; a < n_train; a++)
            if (subsample >= 1.0 || easel_rng_uniform (&rng) < subsample)
              {
                sample[n_sample++] = train[a];
                in_sample[train[a]] = 1;
              }
          for (gsize i = 0; i < n; i++)
            if (!in_sample[i])
              outside[n_outside++] = (guint32) i;
          last_sample = n_sample;
          last_outside = n_outside;
        }
      else
        {
          n_sample = last_sample;
          n_outside = last_outside;
        }

      for (guint c = 0; c < k; c++)
        {
          Tree *tree = &m->trees[(gsize) round * k + c];

          /* This tree's features: a seeded choice of n_cols, in ascending order. */
          for (guint j = 0; j < p; j++)
            features[j] = j;
          if (n_cols < p)
            {
              for (guint j = 0; j < n_cols; j++)
                {
                  guint pick = j + (guint) easel_rng_below (&rng, p - j);
                  guint tmp = features[j];
                  features[j] = features[pick];
                  features[pick] = tmp;
                }
              for (guint j = 1; j < n_cols; j++)
                for (guint i = j; i > 0 && features[i - 1] > features[i]; i--)
                  {
                    guint tmp = features[i];
                    features[i] = features[i - 1];
                    features[i - 1] = tmp;
                  }
            }
          b.n_features = n_cols;
          b.grad = grad + (gsize) c * n;

          if (n_sample == 0)
            {
              /* Nothing to learn from: a single leaf that adds nothing. */
              tree->n_nodes = 1;
              tree->nodes = g_new0 (Node, 1);
              tree->nodes[0].feature = -1;
              tree->nodes[0].left = tree->nodes[0].right = -1;
            }
          else
            {
              memcpy (scratch, sample, n_sample * sizeof (guint32));
              *tree = grow_tree (&b, scratch, scratch2, n_sample, score, k, c);
            }
        }

      /* Rows outside the sample (and held-out rows) walk the new trees. */
#pragma omp parallel for schedule(static) if (n_outside > 4096)
      for (gsize a = 0; a < n_outside; a++)
        {
          guint32 r = outside[a];
          for (guint c = 0; c < k; c++)
            score[(gsize) r * k + c] += tree_value_bins (&m->trees[(gsize) round * k + c],
                                                         bins + (gsize) r * p, cuts);
        }
      m->n_rounds = round + 1;

      /* The training loss only for a loss curve; log-loss costs a logarithm a row. */
      train_loss = loss_pass (data, train, n_train, score, k, grad, context->monitor != NULL);
      if (valid != NULL)
        valid_loss = loss_pass (data, valid, n_valid, score, k, NULL, TRUE);
      if (context->monitor != NULL)
        context->monitor (round + 1, train_loss, valid_loss, context->monitor_data);
      easel_progress_report (context->progress, (double) (round + 1) / n_rounds,
                             "Boosting trees");
      done = round + 1;
      if (valid != NULL)
        {
          if (valid_loss < best_loss)
            {
              best_loss = valid_loss;
              best_round = round;
            }
          else if (round - best_round >= patience)
            break;
        }
    }

  /* Early stopping keeps the rounds up to the best one. */
  if (valid != NULL && best_round + 1 < done)
    {
      for (gsize t = (gsize) (best_round + 1) * k; t < (gsize) done * k; t++)
        g_clear_pointer (&m->trees[t].nodes, g_free);
      m->n_rounds = best_round + 1;
    }
  for (gsize t = 0; t < (gsize) m->n_rounds * k; t++)
    for (guint i = 0; i < m->trees[t].n_nodes; i++)
      if (m->trees[t].nodes[i].feature >= 0)
        m->importance[m->trees[t].nodes[i].feature] += m->trees[t].nodes[i].gain;
  return m;
}

static gboolean
gbdt_predict (gconstpointer  state,
              const float   *x,
              gsize          n,
              double        *out,
              GCancellable  *cancellable,
              GError       **error)
{
  const Gbdt *m = state;
  guint k = m->k;

#pragma omp parallel for schedule(static) if (n > 256)
  for (gsize i = 0; i < n; i++)
    {
      const float *row = x + i * m->p;
      double f[EASEL_DESIGN_MAX_CLASSES + 1];

      memcpy (f, m->base, k * sizeof (double));
      for (guint t = 0; t < m->n_rounds; t++)
        for (guint c = 0; c < k; c++)
          f[c] += tree_value (&m->trees[(gsize) t * k + c], row);
      if (m->problem == EASEL_PROBLEM_REGRESSION)
        out[i] = f[0];
      else if (k == 1)
        {
          double pr = sigmoid (f[0]);
          out[i * 2] = 1.0 - pr;
          out[i * 2 + 1] = pr;
        }
      else
        {
          easel_softmax (f, k);
          memcpy (out + i * k, f, k * sizeof (double));
        }
    }
  return TRUE;
}

static void
gbdt_importance (gconstpointer state,
                 double       *out)
{
  const Gbdt *m = state;

  for (guint j = 0; j < m->p; j++)
    out[j] = MAX (m->importance[j], 0.0);
}

static guint
gbdt_n_iterations (gconstpointer state)
{
  const Gbdt *m = state;

  return m->n_rounds;
}

/* Serialisation */

static void
gbdt_save (gconstpointer    state,
           EaselBlobWriter *w)
{
  const Gbdt *m = state;

  easel_blob_put_u32 (w, STATE_VERSION);
  easel_blob_put_u32 (w, m->k);
  easel_blob_put_u32 (w, m->n_rounds);
  easel_blob_put_f64_array (w, m->base, m->k);
  for (gsize t = 0; t < (gsize) m->n_rounds * m->k; t++)
    {
      const Tree *tree = &m->trees[t];
      easel_blob_put_u32 (w, tree->n_nodes);
      for (guint i = 0; i < tree->n_nodes; i++)
        {
          const Node *nd = &tree->nodes[i];
          easel_blob_put_i32 (w, nd->feature);
          easel_blob_put_i32 (w, nd->left);
          easel_blob_put_i32 (w, nd->right);
          easel_blob_put_f64 (w, nd->threshold);
          easel_blob_put_u8 (w, nd->default_left);
          easel_blob_put_f64 (w, nd->value);
          easel_blob_put_f64 (w, nd->gain);
        }
    }
  easel_blob_put_f64_array (w, m->importance, m->p);
}

/* Bytes per saved node, to bound counts by what is left. */
#define NODE_BYTES (3 * 4 + 8 + 1 + 8 + 8)

static gpointer
gbdt_load (EaselBlobReader *r,
           guint            p,
           guint            n_classes,
           EaselProblem     problem)
{
  guint k = problem == EASEL_PROBLEM_MULTICLASS ? n_classes : 1;
  guint32 version, stored_k, n_rounds;
  Gbdt *m;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION, "the boosting's version",
                                 &version) ||
      !easel_blob_get_u32_range (r, k, k, "the number of scores per row", &stored_k) ||
      k > EASEL_DESIGN_MAX_CLASSES + 1 ||
      !easel_blob_get_u32_range (r, 0, (guint32) MIN ((r->len - r->pos) / ((gsize) k * 4 + 1),
                                                      G_MAXINT32 / k),
                                 "the number of rounds", &n_rounds))
    {
      easel_blob_fail (r, "the boosted trees' header is invalid");
      return NULL;
    }
  m = g_new0 (Gbdt, 1);
  m->p = p;
  m->k = k;
  m->problem = problem;
  m->trees = g_new0 (Tree, MAX ((gsize) n_rounds * k, 1));
  easel_blob_get_f64_array (r, k, &m->base);
  for (gsize t = 0; t < (gsize) n_rounds * k && !r->failed; t++)
    {
      Tree *tree = &m->trees[t];
      guint32 n_nodes;

      if (!easel_blob_get_u32_range (r, 1, (guint32) MIN ((r->len - r->pos) / NODE_BYTES,
                                                          G_MAXINT32),
                                     "a tree's node count", &n_nodes))
        break;
      tree->nodes = g_new0 (Node, n_nodes);
      tree->n_nodes = n_nodes;
      m->n_rounds = (guint) (t / k + 1);
      for (guint i = 0; i < n_nodes && !r->failed; i++)
        {
          Node *nd = &tree->nodes[i];
          double threshold;
          guint8 dl;

          easel_blob_get_i32 (r, &nd->feature);
          easel_blob_get_i32 (r, &nd->left);
          easel_blob_get_i32 (r, &nd->right);
          easel_blob_get_f64 (r, &threshold);
          easel_blob_get_u8 (r, &dl);
          easel_blob_get_f64 (r, &nd->value);
          easel_blob_get_f64 (r, &nd->gain);
          nd->threshold = (float) threshold;
          nd->default_left = dl != 0;
          if (r->failed)
            break;
          /* Children come after their parent: walking down always ends. */
          if (nd->feature >= 0 &&
              ((guint) nd->feature >= p || nd->left <= (gint32) i || nd->right <= (gint32) i ||
               (guint) nd->left >= n_nodes || (guint) nd->right >= n_nodes))
            easel_blob_fail (r, "boosted tree %" G_GSIZE_FORMAT " node %u points outside the "
                             "tree", t, i);
          else if (nd->feature < -1 || dl > 1)
            easel_blob_fail (r, "boosted tree %" G_GSIZE_FORMAT " node %u is invalid", t, i);
        }
    }
  if (!r->failed && n_rounds > 0 && m->n_rounds != n_rounds)
    easel_blob_fail (r, "the boosted trees are incomplete");
  m->n_rounds = n_rounds;
  easel_blob_get_f64_array (r, p, &m->importance);
  if (r->failed)
    {
      /* Free what was read: trees past the failure have no nodes. */
      gbdt_free (m);
      return NULL;
    }
  if (m->importance == NULL)
    m->importance = g_new0 (double, 1);
  return m;
}

static const EaselParamSpec gbdt_params[] = {
  { "n_trees", EASEL_PARAM_INT, 100, 1, 100000, 0, NULL,
    N_("How many boosting rounds to run; each adds a small tree (one per class for several "
       "classes) that corrects the ones before it.") },
  { "learning_rate", EASEL_PARAM_DOUBLE, 0.1, 0, 1, EASEL_PARAM_MIN_EXCLUSIVE |
    EASEL_PARAM_LOG_SCALE, NULL,
    N_("How much of each new tree's correction is kept; smaller values need more trees but "
       "usually predict better.") },
  { "max_depth", EASEL_PARAM_INT, 6, 1, 20, 0, NULL,
    N_("The deepest each tree may grow, level by level; deeper trees capture more interactions "
       "between features.") },
  { "max_leaves", EASEL_PARAM_INT, 0, 2, 1e6, EASEL_PARAM_ZERO_IS_NONE, NULL,
    N_("The most leaves a tree may have, taking the best splits of each level first; none "
       "leaves only max_depth as the limit.") },
  { "min_samples_leaf", EASEL_PARAM_INT, 20, 1, 1e9, 0, NULL,
    N_("The fewest training rows a leaf may hold; larger values make smoother, more cautious "
       "trees.") },
  { "l2", EASEL_PARAM_DOUBLE, 1, 0, 1e6, 0, NULL,
    N_("How strongly leaf values are pulled towards zero (L2 regularisation); larger values "
       "make each tree's correction more modest.") },
  { "max_bins", EASEL_PARAM_INT, 255, 2, EASEL_BINS_MAX, 0, NULL,
    N_("Into how many ranges each feature's values are cut before the trees look for splits; "
       "fewer bins train faster but split less precisely.") },
  { "subsample", EASEL_PARAM_DOUBLE, 1, 0, 1, EASEL_PARAM_MIN_EXCLUSIVE, NULL,
    N_("The share of training rows each round draws at random to grow its trees; below 1 it "
       "adds randomness that can reduce overfitting.") },
  { "colsample", EASEL_PARAM_DOUBLE, 1, 0, 1, EASEL_PARAM_MIN_EXCLUSIVE, NULL,
    N_("The share of features each tree may choose its splits from, drawn at random per "
       "tree.") },
  { "early_stopping_rounds", EASEL_PARAM_INT, 0, 1, 100000, EASEL_PARAM_ZERO_IS_NONE, NULL,
    N_("Hold out a tenth of the training rows and stop when their loss has not improved for "
       "this many rounds, keeping the best round; 0 or none turns it off.") },
};

static const EaselAlgorithmOps gbdt_ops = {
  gbdt_fit, gbdt_predict, gbdt_importance, gbdt_save, gbdt_load, gbdt_free,
  gbdt_n_iterations,
};

const EaselAlgorithm easel_algorithm_gbdt = {
  "gbdt",
  N_("Gradient boosting"),
  N_("Many small decision trees added one after another, each correcting the errors of the "
     "ones before; usually the most accurate choice for tables."),
  TRUE, TRUE,
  EASEL_ENCODE_KEEP_MISSING,
  gbdt_params, G_N_ELEMENTS (gbdt_params),
  &gbdt_ops,
};
