/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-chart-view.h"
#include "easel-table-summary.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* Explore's Columns: every column with its type, missing share and a sparkline, and the
 * selected column's chart (a histogram for numbers and dates, bars of the most frequent
 * values otherwise) and statistics. The profiles and sketches are computed on a worker
 * thread the first time the view is shown with a table. */
#define EASEL_TYPE_COLUMNS_VIEW (easel_columns_view_get_type ())
G_DECLARE_FINAL_TYPE (EaselColumnsView, easel_columns_view, EASEL, COLUMNS_VIEW, GtkWidget)

GtkWidget               *easel_columns_view_new                 (void);
void                     easel_columns_view_set_table           (EaselColumnsView *self,
                                                                 EaselTable       *table);
void                     easel_columns_view_select_column       (EaselColumnsView *self,
                                                                 guint             index);
/* GTK_INVALID_LIST_POSITION when none is selected. */
guint                    easel_columns_view_get_selected_column (EaselColumnsView *self);
/* Whether the profiles and sketches are being computed. */
gboolean                 easel_columns_view_get_busy            (EaselColumnsView *self);
/* NULL until computed. */
const EaselTableSummary *easel_columns_view_get_summary         (EaselColumnsView *self);
GtkListView             *easel_columns_view_get_list            (EaselColumnsView *self);
EaselChartView          *easel_columns_view_get_chart_view      (EaselColumnsView *self);
/* The text of a statistic of the selected column ("count", "missing", "distinct", "mean",
 * "std", "min", "p25", "median", "p75", "max", "skewness", "zeros", "top", "top-share",
 * "mean-length", "min-length", "max-length", "earliest", "latest"), or NULL. */
const char              *easel_columns_view_get_statistic       (EaselColumnsView *self,
                                                                 const char       *key);

G_END_DECLS
