/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-progress.h"
#include "easel-table.h"

G_BEGIN_DECLS

typedef struct
{
  char   *value;
  gsize   count;
} EaselValueCount;

/* The profile of one column. A statistic that does not apply to the column's type is NaN
 * (numbers) or left empty (top values). */
typedef struct
{
  char            *name;
  EaselColumnType  type;
  gsize            count;        /* non-missing values */
  gsize            missing;
  gsize            distinct;     /* distinct non-missing values */
  /* numeric (and datetime, in seconds; boolean as 0/1 for mean) */
  double           mean;
  double           std;          /* sample standard deviation (n - 1) */
  double           min;
  double           p25;          /* quantiles interpolate linearly, as numpy's default */
  double           median;
  double           p75;
  double           max;
  double           skewness;     /* adjusted Fisher-Pearson, as pandas' skew() */
  double           kurtosis;     /* excess, bias-corrected, as pandas' kurt() */
  gsize            zeros;
  /* text: lengths in characters */
  double           mean_length;
  gsize            min_length;
  gsize            max_length;
  /* categorical, boolean, text: the most frequent values, most frequent first,
   * ties in order of first appearance */
  EaselValueCount *top;
  guint            n_top;
} EaselColumnProfile;

typedef struct
{
  gsize               n_rows;
  guint               n_columns;
  EaselColumnProfile *columns;
} EaselProfile;

/* Profile every column (in parallel). 'max_top' is how many frequent values to keep. */
EaselProfile *easel_profile_table   (EaselTable     *table,
                                     guint           max_top,
                                     EaselProgress  *progress,
                                     GCancellable   *cancellable,
                                     GError        **error);
/* Profile one column. */
void          easel_profile_column  (const EaselColumn  *column,
                                     guint               max_top,
                                     EaselColumnProfile *out);
void          easel_column_profile_clear (EaselColumnProfile *profile);
void          easel_profile_free    (EaselProfile   *profile);

/* Linear-interpolation quantile (numpy's default) of sorted, non-missing values. */
double        easel_quantile_sorted (const double   *sorted,
                                     gsize           n,
                                     double          q);
/* Sort doubles ascending in place (radix sort; NaN must not be present). */
void          easel_sort_doubles    (double         *values,
                                     gsize           n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselProfile, easel_profile_free)

G_END_DECLS
