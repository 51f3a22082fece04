/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Easel"

/* A random forest: many CART trees, each grown on a bootstrap sample of the rows and
 * choosing each split among a random subset of the features; predictions are the
 * average of the trees' class shares (or means). Tree t draws from its own generator,
 * forked from the seed with stream t, and the trees are grown in parallel, one per
 * thread: the forest is the same whatever the number of threads. */

#include <math.h>
#include <string.h>

#include "easel-error.h"
#include "easel-tree.h"

#define STATE_VERSION 1

enum { PARAM_N_TREES, PARAM_MAX_DEPTH, PARAM_MIN_SAMPLES_LEAF, PARAM_MIN_SAMPLES_SPLIT,
       PARAM_MAX_FEATURES, PARAM_CRITERION };
enum { FEATURES_AUTO, FEATURES_SQRT, FEATURES_LOG2, FEATURES_ALL };

typedef struct
{
  guint       p;
  guint       width;
  guint       n_trees;
  EaselTree **trees;
} Forest;

static void
forest_free (gpointer state)
{
  Forest *m = state;

  for (guint t = 0; t < m->n_trees; t++)
    easel_tree_free (m->trees[t]);
  g_free (m->trees);
  g_free (m);
}

static guint
features_per_split (guint    choice,
                    guint    p,
                    gboolean classes)
{
  if (choice == FEATURES_AUTO)
    choice = classes ? FEATURES_SQRT : FEATURES_ALL;
  switch (choice)
    {
    case FEATURES_SQRT:
      return MAX (1, (guint) sqrt ((double) p));
    case FEATURES_LOG2:
      return MAX (1, (guint) log2 ((double) p));
    case FEATURES_ALL:
    default:
      return p;
    }
}

static gpointer
forest_fit (const EaselFitData    *data,
            const double          *params,
            const EaselFitContext *context,
            GError               **error)
{
  EaselTreeOptions o = { 0 };
  EaselFitContext quiet = *context;
  Forest *m = g_new0 (Forest, 1);
  gsize n = data->n;
  gint done = 0;
  gboolean failed = FALSE;
  EaselRng base;

  m->p = data->p;
  m->width = data->labels != NULL ? data->n_classes : 1;
  m->n_trees = (guint) params[PARAM_N_TREES];
  m->trees = g_new0 (EaselTree *, m->n_trees);
  if (!easel_tree_criterion ((guint) params[PARAM_CRITERION], data->labels != NULL, "forest",
                             &o.criterion, error))
    {
      forest_free (m);
      return NULL;
    }
  o.max_depth = (guint) params[PARAM_MAX_DEPTH];
  o.min_leaf = (gsize) params[PARAM_MIN_SAMPLES_LEAF];
  o.min_split = (gsize) params[PARAM_MIN_SAMPLES_SPLIT];
  o.max_features = features_per_split ((guint) params[PARAM_MAX_FEATURES], data->p,
                                       data->labels != NULL);
  o.parallel = FALSE;
  /* The trees report progress together, below; each only watches for Cancel. */
  quiet.progress = NULL;
  easel_rng_init (&base, context->seed);

#pragma omp parallel for schedule(dynamic, 1)
  for (guint t = 0; t < m->n_trees; t++)
    {
      g_autofree guint32 *rows = NULL;
      EaselRng rng;

      if (g_atomic_int_get (&failed))
        continue;
      easel_rng_fork (&base, t, &rng);
      rows = g_new (guint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        rows[i] = (guint32) easel_rng_below (&rng, n);
      m->trees[t] = easel_tree_grow (data, &o, rows, n, &rng, &quiet, NULL);
      if (m->trees[t] == NULL)
        g_atomic_int_set (&failed, TRUE);
      else
        {
          guint finished = (guint) g_atomic_int_add (&done, 1) + 1;
          easel_progress_report (context->progress, (double) finished / m->n_trees,
                                 _("Growing the trees"));
        }
    }
  if (failed)
    {
      /* Growing stops only when cancelled. */
      g_cancellable_set_error_if_cancelled (context->cancellable, error);
      forest_free (m);
      return NULL;
    }
  return m;
}

static gboolean
forest_predict (gconstpointer  state,
                const float   *x,
                gsize          n,
                double        *out,
                GCancellable  *cancellable,
                GError       **error)
{
  const Forest *m = state;
  guint w = m->width;

#pragma omp parallel for schedule(static) if (n > 256)
  for (gsize i = 0; i < n; i++)
    {
      double *o = out + i * w;

      memset (o, 0, w * sizeof (double));
      for (guint t = 0; t < m->n_trees; t++)
        {
          const double *leaf = easel_tree_leaf (m->trees[t], x + i * m->p);
          for (guint c = 0; c < w; c++)
            o[c] += leaf[c];
        }
      for (guint c = 0; c < w; c++)
        o[c] /= m->n_trees;
    }
  return TRUE;
}

static void
forest_importance (gconstpointer state,
                   double       *out)
{
  const Forest *m = state;

  /* As scikit-learn: each tree's importances normalised, then averaged. */
  memset (out, 0, m->p * sizeof (double));
  for (guint t = 0; t < m->n_trees; t++)
    {
      const double *imp = easel_tree_importance (m->trees[t]);
      double sum = 0.0;
      for (guint j = 0; j < m->p; j++)
        sum += MAX (imp[j], 0.0);
      if (sum > 0)
        for (guint j = 0; j < m->p; j++)
          out[j] += MAX (imp[j], 0.0) / sum / m->n_trees;
    }
}

static void
forest_save (gconstpointer    state,
             EaselBlobWriter *w)
{
  const Forest *m = state;

  easel_blob_put_u32 (w, STATE_VERSION);
  easel_blob_put_u32 (w, m->n_trees);
  for (guint t = 0; t < m->n_trees; t++)
    easel_tree_save (m->trees[t], w);
}

static gpointer
forest_load (EaselBlobReader *r,
             guint            p,
             guint            n_classes,
             EaselProblem     problem)
{
  guint32 version, n_trees;
  Forest *m;

  if (!easel_blob_get_u32_range (r, STATE_VERSION, STATE_VERSION, "the forest's version",
                                 &version) ||
      !easel_blob_get_u32_range (r, 1, (guint32) MIN ((r->len - r->pos) / 44, 100000),
                                 "the number of trees", &n_trees))
    return NULL;
  m = g_new0 (Forest, 1);
  m->p = p;
  m->width = problem == EASEL_PROBLEM_REGRESSION ? 1 : n_classes;
  m->trees = g_new0 (EaselTree *, n_trees);
  for (guint t = 0; t < n_trees; t++)
    {
      m->trees[t] = easel_tree_load (r, p, m->width);
      if (m->trees[t] == NULL)
        break;
      m->n_trees++;
    }
  if (r->failed || m->n_trees != n_trees)
    {
      forest_free (m);
      return NULL;
    }
  return m;
}

static const char *const feature_choices[] = {
  NC_("parameter choice", "auto"),
  NC_("parameter choice", "sqrt"),
  NC_("parameter choice", "log2"),
  NC_("parameter choice", "all"),
  NULL
};

static const EaselParamSpec forest_params[] = {
  { "n_trees", EASEL_PARAM_INT, 100, 1, 10000, 0, NULL,
    N_("How many trees vote; more trees give steadier predictions but take longer.") },
  { "max_depth", EASEL_PARAM_INT, 0, 1, 1000, EASEL_PARAM_ZERO_IS_NONE, NULL,
    N_("The deepest each tree may grow; none lets every tree grow until its leaves are pure.") },
  { "min_samples_leaf", EASEL_PARAM_INT, 1, 1, 1e9, 0, NULL,
    N_("The fewest training rows a leaf may hold; larger values give smoother predictions.") },
  { "min_samples_split", EASEL_PARAM_INT, 2, 2, 1e9, 0, NULL,
    N_("The fewest training rows a node needs before it may be split.") },
  { "max_features", EASEL_PARAM_CHOICE, FEATURES_AUTO, 0, 0, 0, feature_choices,
    N_("How many features each split may choose from: the square root or log2 of their number, "
       "or all; auto uses the square root for classes and all for numbers.") },
  { "criterion", EASEL_PARAM_CHOICE, EASEL_CRITERION_AUTO, 0, 0, 0,
    easel_tree_criterion_choices,
    N_("How a split is scored: gini or entropy for classes, squared_error for numbers; auto "
       "picks gini or squared_error.") },
};

static const EaselAlgorithmOps forest_ops = {
  forest_fit, forest_predict, forest_importance, forest_save, forest_load, forest_free,
};

const EaselAlgorithm easel_algorithm_forest = {
  "forest",
  N_("Random forest"),
  N_("Many decision trees, each trained on a random resample of the rows and features, "
     "voting together; accurate with little tuning."),
  TRUE, TRUE,
  0,
  forest_params, G_N_ELEMENTS (forest_params),
  &forest_ops,
};
