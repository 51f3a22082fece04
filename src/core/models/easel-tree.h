/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "easel-model-private.h"

G_BEGIN_DECLS

/* Growing one CART tree (private to the core): shared by the decision tree and the random
 * forest. */

enum { EASEL_CRITERION_AUTO, EASEL_CRITERION_GINI, EASEL_CRITERION_ENTROPY,
       EASEL_CRITERION_SQUARED_ERROR };

typedef struct
{
  guint    criterion;     /* not AUTO */
  guint    max_depth;     /* 0: no limit */
  gsize    min_leaf;
  gsize    min_split;
  guint    max_features;  /* features tried per node; p (all) for a plain tree */
  gboolean parallel;      /* score a node's features on several threads */
} EaselTreeOptions;

typedef struct _EaselTree EaselTree;

/* Grow a tree on rows[0..n_rows) of 'data' (rows may repeat: a bootstrap sample). 'rows'
 * is reordered. 'context' may be NULL (no progress, no cancel). */
EaselTree    *easel_tree_grow        (const EaselFitData     *data,
                                      const EaselTreeOptions *options,
                                      guint32                *rows,
                                      gsize                   n_rows,
                                      EaselRng               *rng,
                                      const EaselFitContext  *context,
                                      GError                **error);
void          easel_tree_free        (EaselTree       *tree);
/* The leaf values for one row: width doubles (class shares, or the mean). */
const double *easel_tree_leaf        (const EaselTree *tree,
                                      const float     *x);
/* Impurity decrease per feature, weighted by rows (not normalised). */
const double *easel_tree_importance  (const EaselTree *tree);
gsize         easel_tree_n_nodes     (const EaselTree *tree);
void          easel_tree_save        (const EaselTree *tree,
                                      EaselBlobWriter *writer);
EaselTree    *easel_tree_load        (EaselBlobReader *reader,
                                      guint            p,
                                      guint            width);
/* "criterion" from its parameter value and the problem; FALSE with an error if it does
 * not fit the problem. */
gboolean      easel_tree_criterion   (guint            value,
                                      gboolean         classes,
                                      const char      *algorithm,
                                      guint           *criterion,
                                      GError         **error);

extern const char *const easel_tree_criterion_choices[];

G_END_DECLS
