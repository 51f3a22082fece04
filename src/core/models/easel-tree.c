/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* A decision tree (CART) with exact splits: at each node every feature's sorted values
 * are scanned for the threshold that most lowers the impurity (gini or entropy for
 * classes, squared error for numbers); thresholds lie halfway between neighbouring
 * values and rows go left when x <= threshold. Features are tried in a seeded random
 * order and the first best split wins, so a fixed seed gives the same tree whatever the
 * number of threads (features are scored in parallel, then compared in that order). */

#include <float.h>
#include <math.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "easel-error.h"
#include "easel-tree.h"

#define STATE_VERSION 1
/* Score the features of a node in parallel when it has this many rows × features. */
#define PARALLEL_WORK 20000

enum { PARAM_MAX_DEPTH, PARAM_MIN_SAMPLES_LEAF, PARAM_MIN_SAMPLES_SPLIT, PARAM_CRITERION };

typedef struct
{
  gint32  feature;    /* −1 for a leaf */
  gint32  left;
  gint32  right;
  double  threshold;
  double  n_samples;
  double  impurity;
} Node;

struct _EaselTree
{
  guint    p;
  guint    width;      /* values per node: n_classes, or 1 for regression */
  gsize    n_nodes;
  Node    *nodes;
  double  *values;     /* n_nodes × width: class shares or the mean */
  double  *importance; /* p: impurity decrease, weighted by rows */
};

void
easel_tree_free (EaselTree *m)
{
  if (m == NULL)
    return;
  g_free (m->nodes);
  g_free (m->values);
  g_free (m->importance);
  g_free (m);
}

typedef struct
{
  float   v;
  guint32 i;
} Pair;

/* An unsigned key that sorts as the float does (no NaN here: the design imputes). */
static inline guint32
float_key (float v)
{
  guint32 u;

  memcpy (&u, &v, sizeof u);
  return (u & 0x80000000u) ? ~u : u | 0x80000000u;
}

/* Sort by value: insertion sort for small nodes, else a least-significant-digit radix
 * sort in three passes of 11 bits ('tmp' holds m pairs). Equal values may come in any
 * order: a split never falls between them. */
static void
sort_pairs (Pair  *a,
            Pair  *tmp,
            gsize  m)
{
  if (m < 64)
    {
      for (gsize i = 1; i < m; i++)
        {
          Pair x = a[i];
          gsize j = i;
          while (j > 0 && a[j - 1].v > x.v)
            {
              a[j] = a[j - 1];
              j--;
            }
          a[j] = x;
        }
      return;
    }
  {
    Pair *src = a, *dst = tmp;

    for (int shift = 0; shift < 33; shift += 11)
      {
        gsize count[2048] = { 0 };
        gsize sum = 0;

        for (gsize i = 0; i < m; i++)
          count[(float_key (src[i].v) >> shift) & 2047]++;
        if (count[(float_key (src[0].v) >> shift) & 2047] == m)
          continue;   /* every key has the same digit: nothing moves */
        for (guint d = 0; d < 2048; d++)
          {
            gsize c = count[d];
            count[d] = sum;
            sum += c;
          }
        for (gsize i = 0; i < m; i++)
          dst[count[(float_key (src[i].v) >> shift) & 2047]++] = src[i];
        {
          Pair *t = src;
          src = dst;
          dst = t;
        }
      }
    if (src != a)
      memcpy (a, src, m * sizeof (Pair));
  }
}

typedef struct
{
  const EaselFitData     *data;
  const EaselTreeOptions *o;
  guint                   k;          /* classes; 0 for regression */
} Builder;

typedef struct
{
  gboolean found;
  gboolean constant;    /* the feature has one value in the node */
  double   proxy;       /* larger is better */
  double   threshold;
  gsize    n_left;
} Split;

static double
entropy_of (const double *count,
            guint         k,
            double        n)
{
  double h = 0.0;

  for (guint c = 0; c < k; c++)
    if (count[c] > 0)
      {
        double f = count[c] / n;
        h -= f * log2 (f);
      }
  return h;
}

/* Node impurity from class counts or (sum, sum of squares). */
static double
impurity (const Builder *b,
          const double  *stats,
          double         n)
{
  if (b->k == 0)
    {
      double mean = stats[0] / n;
      return MAX (stats[1] / n - mean * mean, 0.0);
    }
  if (b->o->criterion == EASEL_CRITERION_ENTROPY)
    return entropy_of (stats, b->k, n);
  {
    double s = 0.0;
    for (guint c = 0; c < b->k; c++)
      s += stats[c] * stats[c];
    return 1.0 - s / (n * n);
  }
}

static void
take_threshold (Split      *best,
                double      proxy,
                gsize       n_left,
                const Pair *lo)
{
  best->found = TRUE;
  best->proxy = proxy;
  best->n_left = n_left;
  best->threshold = ((double) lo[0].v + (double) lo[1].v) / 2.0;
  /* Rounding may land the midpoint on the upper value: keep the rows apart. */
  if (best->threshold >= lo[1].v)
    best->threshold = lo[0].v;
}

/* The best threshold on feature j for the rows idx[0..m). 'pairs' and 'left' are
 * scratch space (m pairs, k counts). 'total' holds the node's class counts or sum. */
static Split
best_split_on (const Builder *b,
               const guint32 *idx,
               gsize          m,
               guint          j,
               const double  *total,
               Pair          *pairs,
               Pair          *tmp,
               double        *left)
{
  const EaselFitData *d = b->data;
  Split best = { FALSE, FALSE, -INFINITY, 0.0, 0 };
  gsize min_leaf = b->o->min_leaf;
  guint k = b->k;

  for (gsize a = 0; a < m; a++)
    {
      pairs[a].v = d->x[(gsize) idx[a] * d->p + j];
      pairs[a].i = idx[a];
    }
  sort_pairs (pairs, tmp, m);
  if (pairs[0].v == pairs[m - 1].v)
    {
      best.constant = TRUE;
      return best;
    }

  if (k == 0)
    {
      double sum_left = 0.0, sum_total = total[0];

      for (gsize a = 0; a + 1 < m; a++)
        {
          gsize nl = a + 1, nr = m - nl;
          double proxy;

          sum_left += d->y[pairs[a].i];
          if (pairs[a].v == pairs[a + 1].v || nl < min_leaf)
            continue;
          if (nr < min_leaf)
            break;
          proxy = sum_left * sum_left / (double) nl +
                  (sum_total - sum_left) * (sum_total - sum_left) / (double) nr;
          if (proxy > best.proxy)
            take_threshold (&best, proxy, nl, pairs + a);
        }
      return best;
    }

  {
    double sq_left = 0.0, sq_right = 0.0;

    memset (left, 0, k * sizeof (double));
    for (guint c = 0; c < k; c++)
      sq_right += total[c] * total[c];
    for (gsize a = 0; a + 1 < m; a++)
      {
        gsize nl = a + 1, nr = m - nl;
        gint32 y = d->labels[pairs[a].i];
        double proxy;

        /* Move one row of class y from right to left; keep Σ count² on both sides. */
        sq_left += 2.0 * left[y] + 1.0;
        sq_right -= 2.0 * (total[y] - left[y]) - 1.0;
        left[y] += 1.0;
        if (pairs[a].v == pairs[a + 1].v || nl < min_leaf)
          continue;
        if (nr < min_leaf)
          break;
        if (b->o->criterion == EASEL_CRITERION_ENTROPY)
          {
            double hl = entropy_of (left, k, (double) nl), hr = 0.0;
            for (guint c = 0; c < k; c++)
              {
                double r = total[c] - left[c];
                if (r > 0)
                  hr -= r / nr * log2 (r / nr);
              }
            proxy = -((double) nl * hl + (double) nr * hr);
          }
        else
          proxy = sq_left / (double) nl + sq_right / (double) nr;
        if (proxy > best.proxy)
          take_threshold (&best, proxy, nl, pairs + a);
      }
  }
  return best;
}

typedef struct
{
  gsize  start;
  gsize  end;
  guint  depth;
  gint32 node;
} Work;

EaselTree *
easel_tree_grow (const EaselFitData     *data,
                 const EaselTreeOptions *o,
                 guint32                *idx,
                 gsize                   n_rows,
                 EaselRng               *rng,
                 const EaselFitContext  *context,
                 GError                **error)
{
  guint p = data->p, k = data->labels != NULL ? data->n_classes : 0;
  guint width = MAX (k, 1);
  Builder b = { data, o, k };
  g_autofree guint32 *scratch = g_new (guint32, MAX (n_rows, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (p, 1));
  g_autofree Split *splits = g_new (Split, MAX (p, 1));
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Work));
  g_autofree double *stats = g_new (double, width + 2);
  int n_threads = 1;
  Pair **pair_buf, **tmp_buf;
  double **left_buf;
  EaselTree *m = g_new0 (EaselTree, 1);
  gsize done = 0;
  gboolean cancelled = FALSE;

  m->p = p;
  m->width = width;
  m->importance = g_new0 (double, MAX (p, 1));
  for (guint j = 0; j < p; j++)
    order[j] = j;

#ifdef _OPENMP
  if (o->parallel)
    n_threads = omp_get_max_threads ();
#endif
  pair_buf = g_new (Pair *, n_threads);
  tmp_buf = g_new (Pair *, n_threads);
  left_buf = g_new (double *, n_threads);
  for (int t = 0; t < n_threads; t++)
    {
      pair_buf[t] = g_new (Pair, MAX (n_rows, 1));
      tmp_buf[t] = g_new (Pair, MAX (n_rows, 1));
      left_buf[t] = g_new (double, width);
    }

  {
    Node root = { -1, -1, -1, 0.0, (double) n_rows, 0.0 };
    Work w = { 0, n_rows, 0, 0 };
    g_array_append_val (nodes, root);
    g_array_set_size (values, width);
    g_array_append_val (stack, w);
  }

  while (stack->len > 0)
    {
      Work w = g_array_index (stack, Work, stack->len - 1);
      gsize mrows = w.end - w.start;
      guint32 *rows = idx + w.start;
      Node *node;
      double node_impurity;
      gboolean leaf;
      int best = -1;

      g_array_set_size (stack, stack->len - 1);
      if (context != NULL && g_cancellable_set_error_if_cancelled (context->cancellable, error))
        {
          cancelled = TRUE;
          break;
        }

      /* Node statistics and value. */
      memset (stats, 0, (width + 2) * sizeof (double));
      for (gsize a = 0; a < mrows; a++)
        if (k > 0)
          stats[data->labels[rows[a]]] += 1.0;
        else
          {
            double y = data->y[rows[a]];
            stats[0] += y;
            stats[1] += y * y;
          }
      node_impurity = impurity (&b, stats, (double) mrows);
      for (guint c = 0; c < width; c++)
        g_array_index (values, double, (gsize) w.node * width + c) =
          k > 0 ? stats[c] / (double) mrows : stats[0] / (double) mrows;
      node = &g_array_index (nodes, Node, w.node);
      node->impurity = node_impurity;

      leaf = (o->max_depth > 0 && w.depth >= o->max_depth) || mrows < o->min_split ||
             mrows < 2 * o->min_leaf || node_impurity <= DBL_EPSILON;
      if (!leaf)
        {
          easel_rng_shuffle (rng, order, p);
          if (o->max_features >= p)
            {
              /* Every feature: score them in parallel, then compare in the shuffled
               * order, so the winner does not depend on the threads. */
#pragma omp parallel for schedule(dynamic, 1) if (o->parallel && (gsize) mrows * p > PARALLEL_WORK)
              for (guint f = 0; f < p; f++)
                {
                  int t = 0;
#ifdef _OPENMP
                  if (o->parallel)
                    t = omp_get_thread_num ();
#endif
                  splits[f] = best_split_on (&b, rows, mrows, order[f], stats, pair_buf[t],
                                             tmp_buf[t], left_buf[t]);
                }
              for (guint f = 0; f < p; f++)
                if (splits[f].found && (best < 0 || splits[f].proxy > splits[best].proxy))
                  best = (int) f;
            }
          else
            {
              /* A random subset: draw features until max_features of them vary in this
               * node (or none is left), as scikit-learn does. */
              guint varying = 0;
              for (guint f = 0; f < p && varying < o->max_features; f++)
                {
                  splits[f] = best_split_on (&b, rows, mrows, order[f], stats, pair_buf[0],
                                             tmp_buf[0], left_buf[0]);
                  if (splits[f].constant)
                    continue;
                  varying++;
                  if (splits[f].found && (best < 0 || splits[f].proxy > splits[best].proxy))
                    best = (int) f;
                }
            }
        }

      if (best < 0)
        {
          done += mrows;
          if (context != NULL)
            easel_progress_report (context->progress, (double) done / (double) n_rows,
                                   _("Growing the tree"));
          continue;
        }

      {
        guint j = order[best];
        double thr = splits[best].threshold;
        gsize nl = 0, nr = 0;
        Node child = { -1, -1, -1, 0.0, 0.0, 0.0 };
        gint32 left_id = (gint32) nodes->len, right_id = left_id + 1;
        Work wl, wr;

        /* Stable partition: left rows first, both in their previous order. */
        for (gsize a = 0; a < mrows; a++)
          if (data->x[(gsize) rows[a] * p + j] <= thr)
            rows[nl++] = rows[a];
          else
            scratch[nr++] = rows[a];
        memcpy (rows + nl, scratch, nr * sizeof (guint32));
        g_assert (nl == splits[best].n_left);

        node->feature = (gint32) j;
        node->threshold = thr;
        node->left = left_id;
        node->right = right_id;
        child.n_samples = (double) nl;
        g_array_append_val (nodes, child);
        child.n_samples = (double) nr;
        g_array_append_val (nodes, child);
        g_array_set_size (values, nodes->len * width);

        wl = (Work) { w.start, w.start + nl, w.depth + 1, left_id };
        wr = (Work) { w.start + nl, w.end, w.depth + 1, right_id };
        /* Right first on the stack, so the left subtree is grown first. */
        g_array_append_val (stack, wr);
        g_array_append_val (stack, wl);
      }
    }

  for (int t = 0; t < n_threads; t++)
    {
      g_free (pair_buf[t]);
      g_free (tmp_buf[t]);
      g_free (left_buf[t]);
    }
  g_free (pair_buf);
  g_free (tmp_buf);
  g_free (left_buf);
  if (cancelled)
    {
      easel_tree_free (m);
      return NULL;
    }

  m->n_nodes = nodes->len;
  m->nodes = (Node *) (void *) g_array_free (g_steal_pointer (&nodes), FALSE);
  m->values = (double *) (void *) g_array_free (g_steal_pointer (&values), FALSE);
  for (gsize i = 0; i < m->n_nodes; i++)
    {
      const Node *nd = &m->nodes[i];
      if (nd->feature < 0)
        continue;
      m->importance[nd->feature] += nd->n_samples * nd->impurity -
                                    m->nodes[nd->left].n_samples * m->nodes[nd->left].impurity -
                                    m->nodes[nd->right].n_samples * m->nodes[nd->right].impurity;
    }
  return m;
}

const double *
easel_tree_leaf (const EaselTree *m,
                 const float     *x)
{
  gint32 at = 0;

  while (m->nodes[at].feature >= 0)
    at = x[m->nodes[at].feature] <= m->nodes[at].threshold ? m->nodes[at].left
                                                          : m->nodes[at].right;
  return m->values + (gsize) at * m->width;
}

const double *
easel_tree_importance (const EaselTree *m)
{
  return m->importance;
}

gsize
easel_tree_n_nodes (const EaselTree *m)
{
  return m->n_nodes;
}

void
easel_tree_save (const EaselTree *m,
                 EaselBlobWriter *w)
{
  easel_blob_put_u64 (w, m->n_nodes);
  for (gsize i = 0; i < m->n_nodes; i++)
    {
      const Node *nd = &m->nodes[i];
      easel_blob_put_i32 (w, nd->feature);
      easel_blob_put_i32 (w, nd->left);
      easel_blob_put_i32 (w, nd->right);
      easel_blob_put_f64 (w, nd->threshold);
      easel_blob_put_f64 (w, nd->n_samples);
      easel_blob_put_f64 (w, nd->impurity);
    }
  easel_blob_put_f64_array (w, m->values, m->n_nodes * m->width);
  easel_blob_put_f64_array (w, m->importance, m->p);
}

EaselTree *
easel_tree_load (EaselBlobReader *r,
                 guint            p,
                 guint            width)
{
  guint64 n_nodes;
  EaselTree *m;

  easel_blob_get_u64 (r, &n_nodes);
  /* Each node takes 36 bytes: more nodes than that cannot fit in what is left. */
  if (r->failed || n_nodes == 0 || n_nodes > (r->len - r->pos) / 36 || n_nodes > G_MAXINT32)
    {
      easel_blob_fail (r, "a tree's node count does not match its size");
      return NULL;
    }
  m = g_new0 (EaselTree, 1);
  m->p = p;
  m->width = width;
  m->n_nodes = (gsize) n_nodes;
  m->nodes = g_new0 (Node, m->n_nodes);
  for (gsize i = 0; i < m->n_nodes && !r->failed; i++)
    {
      Node *nd = &m->nodes[i];
      easel_blob_get_i32 (r, &nd->feature);
      easel_blob_get_i32 (r, &nd->left);
      easel_blob_get_i32 (r, &nd->right);
      easel_blob_get_f64 (r, &nd->threshold);
      easel_blob_get_f64 (r, &nd->n_samples);
      easel_blob_get_f64 (r, &nd->impurity);
      /* Children come after their parent: walking down always ends. */
      if (!r->failed && nd->feature >= 0 &&
          ((guint) nd->feature >= p || nd->left <= (gint32) i || nd->right <= (gint32) i ||
           (gsize) nd->left >= m->n_nodes || (gsize) nd->right >= m->n_nodes))
        easel_blob_fail (r, "tree node %" G_GSIZE_FORMAT " points outside the tree", i);
      if (!r->failed && nd->feature < -1)
        easel_blob_fail (r, "tree node %" G_GSIZE_FORMAT " has an invalid feature", i);
    }
  easel_blob_get_f64_array (r, m->n_nodes * m->width, &m->values);
  easel_blob_get_f64_array (r, p, &m->importance);
  if (r->failed)
    {
      easel_tree_free (m);
      return NULL;
    }
  if (m->importance == NULL)
    m->importance = g_new0 (double, 1);
  return m;
}

gboolean
easel_tree_criterion (guint        value,
                      gboolean     classes,
                      const char  *algorithm,
                      guint       *criterion,
                      GError     **error)
{
  if (value == EASEL_CRITERION_AUTO)
    value = classes ? EASEL_CRITERION_GINI : EASEL_CRITERION_SQUARED_ERROR;
  if (classes == (value == EASEL_CRITERION_SQUARED_ERROR))
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_ARGUMENT,
                   "Parameter “criterion” of %s must be %s for %s.", algorithm,
                   classes ? "gini or entropy" : "squared_error", classes ? "classes" : "numbers");
      return FALSE;
    }
  *criterion = value;
  return TRUE;
}

const char *const easel_tree_criterion_choices[] = {
  NC_("parameter choice", "auto"),
  NC_("parameter choice", "gini"),
  NC_("parameter choice", "entropy"),
  NC_("parameter choice", "squared_error"),
  NULL
};

/* The decision tree algorithm */

static gpointer
tree_fit (const EaselFitData    *data,
          const double          *params,
          const EaselFitContext *context,
          GError               **error)
{
  EaselTreeOptions o = { 0 };
  g_autofree guint32 *idx = g_new (guint32, MAX (data->n, 1));
  EaselTree *m;
  EaselRng rng;

  if (!easel_tree_criterion ((guint) params[PARAM_CRITERION], data->labels != NULL, "tree",
                             &o.criterion, error))
    return NULL;
  o.max_depth = (guint) params[PARAM_MAX_DEPTH];
  o.min_leaf = (gsize) params[PARAM_MIN_SAMPLES_LEAF];
  o.min_split = (gsize) params[PARAM_MIN_SAMPLES_SPLIT];
  o.max_features = data->p;
  o.parallel = TRUE;
  for (gsize i = 0; i < data->n; i++)
    idx[i] = (guint32) i;
  easel_rng_init (&rng, context->seed);
  m = easel_tree_grow (data, &o, idx, data->n, &rng, context, error);
  if (m != NULL)
    easel_progress_report (context->progress, 1.0, NULL);
  return m;
}

static gboolean
tree_predict (gconstpointer  state,
              const float   *x,
              gsize          n,
              double        *out,
              GCancellable  *cancellable,
              GError       **error)
{
  const EaselTree *m = state;

#pragma omp parallel for schedule(static) if (n > 4096)
  for (gsize i = 0; i < n; i++)
    memcpy (out + i * m->width, easel_tree_leaf (m, x + i * m->p), m->width * sizeof (double));
  return TRUE;
}

static void
tree_importance (gconstpointer state,
                 double       *out)
{
  const EaselTree *m = state;

  for (guint j = 0; j < m->p; j++)
    out[j] = MAX (m->importance[j], 0.0);
}

static void
tree_save (gconstpointer    state,
           EaselBlobWriter *w)
{
  easel_blob_put_u32 (w, STATE_VERSION);
  easel_tree_save (state, w);
}

static gpointer
tree_load (EaselBlobReader *r,
           guint            p,
           guint            n_classes,
           EaselProblem     problem)
{
  guint32 version;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION, "the tree's version", &version))
    return NULL;
  return easel_tree_load (r, p, problem == EASEL_PROBLEM_REGRESSION ? 1 : n_classes);
}

static void
tree_free (gpointer state)
{
  easel_tree_free (state);
}

static const EaselParamSpec tree_params[] = {
  { "max_depth", EASEL_PARAM_INT, 0, 1, 1000, EASEL_PARAM_ZERO_IS_NONE, NULL,
    N_("The deepest a path from the root to a leaf may go; none lets the tree grow until its "
       "leaves are pure.") },
  { "min_samples_leaf", EASEL_PARAM_INT, 1, 1, 1e9, 0, NULL,
    N_("The fewest training rows a leaf may hold; larger values give simpler, smoother trees.") },
  { "min_samples_split", EASEL_PARAM_INT, 2, 2, 1e9, 0, NULL,
    N_("The fewest training rows a node needs before it may be split.") },
  { "criterion", EASEL_PARAM_CHOICE, EASEL_CRITERION_AUTO, 0, 0, 0,
    easel_tree_criterion_choices,
    N_("How a split is scored: gini or entropy for classes, squared_error for numbers; auto "
       "picks gini or squared_error.") },
};

static const EaselAlgorithmOps tree_ops = {
  tree_fit, tree_predict, tree_importance, tree_save, tree_load, tree_free,
};

const EaselAlgorithm easel_algorithm_tree = {
  "tree",
  N_("Decision tree"),
  N_("A flowchart of yes/no questions on the features, learnt from the training rows; easy "
     "to follow, and needs no scaling."),
  TRUE, TRUE,
  0,
  tree_params, G_N_ELEMENTS (tree_params),
  &tree_ops,
};
