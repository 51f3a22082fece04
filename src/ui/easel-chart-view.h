/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-chart.h"

G_BEGIN_DECLS

/* A chart of the plot library on screen. Charts are built and prepared on a worker thread
 * (a new chart, a new size that needs new data, a new style) and only drawn on the main
 * thread; a result that arrives after another chart was asked for is dropped. The style
 * follows the light or dark appearance and the theme's colours. Hovering shows the values
 * under the pointer in a tooltip; a click emits "activate-point". */
#define EASEL_TYPE_CHART_VIEW (easel_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (EaselChartView, easel_chart_view, EASEL, CHART_VIEW, GtkWidget)

/* Runs on a worker thread; returns a chart or NULL with 'error' set. */
typedef EaselChart *(*EaselChartBuildFunc) (gpointer       data,
                                            GCancellable  *cancellable,
                                            GError       **error);

GtkWidget  *easel_chart_view_new            (void);
/* Shows 'chart' (the view takes it; NULL clears) once it is prepared. */
void        easel_chart_view_set_chart      (EaselChartView       *self,
                                             EaselChart           *chart);
/* Builds a chart with 'func (data)' on a worker thread, then shows it; an error's message
 * is shown instead. 'destroy' frees 'data'. */
void        easel_chart_view_build          (EaselChartView       *self,
                                             EaselChartBuildFunc   func,
                                             gpointer              data,
                                             GDestroyNotify        destroy);
/* Asks for a height of 'aspect' times the width when there is room (0: no preference). */
void        easel_chart_view_set_aspect_ratio (EaselChartView     *self,
                                               double              aspect);
/* Clears the chart and shows 'text' (NULL: nothing) in its place. */
void        easel_chart_view_set_placeholder (EaselChartView      *self,
                                              const char          *text);
/* The chart shown; NULL while a worker builds or prepares it, or when there is none. */
EaselChart *easel_chart_view_get_chart      (EaselChartView       *self);
/* Whether a worker builds or prepares the chart. */
gboolean    easel_chart_view_get_busy       (EaselChartView       *self);
/* The message of the last build that failed, or NULL. */
const char *easel_chart_view_get_error      (EaselChartView       *self);
/* The values under (x, y), in widget coordinates; NULL when there is nothing there. */
char       *easel_chart_view_describe_point (EaselChartView       *self,
                                             double                x,
                                             double                y);
/* Emits "activate-point" as a click at (x, y) does. */
void        easel_chart_view_activate_point (EaselChartView       *self,
                                             double                x,
                                             double                y);
/* The heatmap cell (row, column) under (x, y) of a heatmap chart; FALSE elsewhere. */
gboolean    easel_chart_view_get_cell_at    (EaselChartView       *self,
                                             double                x,
                                             double                y,
                                             guint                 n_rows,
                                             guint                 n_cols,
                                             guint                *row,
                                             guint                *col);

/* Writes the chart shown to 'file' (PNG, SVG or PDF by its extension) on a worker thread,
 * at the size it has on screen (PNG at twice that many pixels). */
void        easel_chart_view_save_async     (EaselChartView       *self,
                                             GFile                *file,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    easel_chart_view_save_finish    (EaselChartView       *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Asks where to save the chart (PNG, SVG or PDF) and saves it there; 'basename' is the
 * suggested file name without extension. Errors and success are shown as toasts when the
 * view is in an AdwToastOverlay, else in a dialog. */
void        easel_chart_view_export         (EaselChartView       *self,
                                             const char           *basename);

G_END_DECLS
