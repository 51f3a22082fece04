/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_SEVERITY_LOW,
  EASEL_SEVERITY_MEDIUM,
  EASEL_SEVERITY_HIGH,
} EaselSeverity;

/* One finding about the data, for a person to read. */
typedef struct
{
  char          *column;    /* the column it is about; NULL for the whole table */
  char          *other;     /* the second column of a pair (high_correlation), else NULL */
  const char    *kind;      /* high_missing, constant, id_like, high_cardinality, skewed,
                             * outliers, mixed_types, whitespace, duplicate_rows,
                             * high_correlation, multicollinearity, imbalanced_target,
                             * target_leakage */
  EaselSeverity  severity;
  double         value;     /* what was measured: a share, a count, a coefficient... */
  char          *message;   /* a full sentence */
} EaselInsight;

typedef struct
{
  gsize          rows;
  gsize          duplicate_rows;   /* rows equal to an earlier row, as pandas duplicated() */
  GPtrArray     *warnings;         /* EaselInsight*, most severe first, then table order */
  guint          n_columns;
  char         **names;            /* every column, table order */
  double        *predictive_power; /* per column, 0..1; NaN without a target and for it */
  char          *target;           /* NULL without one */
} EaselInsights;

const char    *easel_severity_to_string (EaselSeverity severity);

/* Look for problems in the table; with a target column, also rate how well each column
 * predicts it on its own (a cross-validated one-column model) and look for imbalance and
 * leakage. Fails with EASEL_ERROR_NOT_FOUND if the target does not exist. */
EaselInsights *easel_insights_compute   (EaselTable     *table,
                                         const char     *target,
                                         EaselProgress  *progress,
                                         GCancellable   *cancellable,
                                         GError        **error);
void           easel_insights_free      (EaselInsights  *insights);

/* Rows equal to an earlier row (every column, missing equal to missing). */
gsize          easel_table_count_duplicate_rows (EaselTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselInsights, easel_insights_free)

G_END_DECLS
