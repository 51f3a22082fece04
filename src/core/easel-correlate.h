/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_CORRELATION_PEARSON,
  EASEL_CORRELATION_SPEARMAN,   /* Pearson on average ranks */
} EaselCorrelationMethod;

/* A correlation matrix between the numeric columns of a table, in table order. Each pair
 * uses the rows where both values are present, as pandas' DataFrame.corr() does (for
 * Spearman, the ranks are taken over those rows). NaN where a pair has fewer than two rows
 * or a constant column. */
typedef struct
{
  EaselCorrelationMethod  method;
  guint                   n;          /* numeric columns */
  guint                  *columns;    /* their indices in the table */
  char                  **names;      /* NULL-terminated */
  double                 *r;          /* n × n, row-major */
  gsize                  *counts;     /* n × n: rows used by each pair */
  double                  seconds;    /* time spent computing */
} EaselCorrelation;

const char       *easel_correlation_method_to_string (EaselCorrelationMethod method);
gboolean          easel_correlation_method_from_string (const char             *name,
                                                        EaselCorrelationMethod *method);

EaselCorrelation *easel_correlate            (EaselTable              *table,
                                              EaselCorrelationMethod   method,
                                              EaselProgress           *progress,
                                              GCancellable            *cancellable,
                                              GError                 **error);
void              easel_correlation_free     (EaselCorrelation        *correlation);

/* Average ranks (1-based, ties share their mean rank) of n values without NaN. */
void              easel_rank_average         (const double            *values,
                                              gsize                    n,
                                              double                  *ranks);

/* Cramér's V between two categorical (or boolean) columns, over rows where both are
 * present: sqrt (χ² / (n · (min (r, c) − 1))). NaN when undefined. */
double            easel_cramers_v            (const EaselColumn       *a,
                                              const EaselColumn       *b);
/* The correlation ratio η between a categorical (or boolean) column and a numeric one:
 * sqrt (between-group sum of squares / total sum of squares). NaN when undefined. */
double            easel_correlation_ratio    (const EaselColumn       *categories,
                                              const EaselColumn       *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselCorrelation, easel_correlation_free)

G_END_DECLS
