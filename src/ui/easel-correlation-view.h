/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-chart-view.h"
#include "easel-correlate.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* Explore's Correlations: a heatmap of the correlations between the numeric columns
 * (Pearson by default, Spearman at a switch), computed on a worker thread the first time
 * it is shown, and the scatter plot of the pair under a clicked cell. The strongest pairs
 * are listed beside it, so that the keyboard reaches them too. */
#define EASEL_TYPE_CORRELATION_VIEW (easel_correlation_view_get_type ())
G_DECLARE_FINAL_TYPE (EaselCorrelationView, easel_correlation_view, EASEL, CORRELATION_VIEW,
                      GtkWidget)

GtkWidget              *easel_correlation_view_new             (void);
void                    easel_correlation_view_set_table       (EaselCorrelationView   *self,
                                                                EaselTable             *table);
void                    easel_correlation_view_set_method      (EaselCorrelationView   *self,
                                                                EaselCorrelationMethod  method);
EaselCorrelationMethod  easel_correlation_view_get_method      (EaselCorrelationView   *self);
/* Whether the matrix is being computed. */
gboolean                easel_correlation_view_get_busy        (EaselCorrelationView   *self);
/* The matrix shown; NULL while it is computed. */
const EaselCorrelation *easel_correlation_view_get_correlation (EaselCorrelationView   *self);
EaselChartView         *easel_correlation_view_get_heatmap     (EaselCorrelationView   *self);
EaselChartView         *easel_correlation_view_get_scatter     (EaselCorrelationView   *self);
/* Plots the pair of the matrix' row 'row' and column 'col' (indices into the matrix). */
void                    easel_correlation_view_select_pair     (EaselCorrelationView   *self,
                                                                guint                   row,
                                                                guint                   col);
/* Plots the pair of columns named 'x' (across) and 'y' (up), now or once the matrix is
 * computed. */
void                    easel_correlation_view_select_columns  (EaselCorrelationView   *self,
                                                                const char             *x,
                                                                const char             *y);
/* Rows in the list of strongest pairs. */
guint                   easel_correlation_view_get_n_pairs     (EaselCorrelationView   *self);

G_END_DECLS
