/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A tiny chart of a column in a list row: bars of heights 0..1, touching for a histogram
 * or apart for counts of values. Drawn in the widget's CSS colour. */
#define EASEL_TYPE_SPARKLINE (easel_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (EaselSparkline, easel_sparkline, EASEL, SPARKLINE, GtkWidget)

GtkWidget   *easel_sparkline_new        (void);
/* 'heights' in 0..1 (copied); NULL or 0 bars clears. 'gaps' parts the bars. */
void         easel_sparkline_set_bars   (EaselSparkline *self,
                                         const float    *heights,
                                         guint           n_bars,
                                         gboolean        gaps);
guint        easel_sparkline_get_n_bars (EaselSparkline *self);

G_END_DECLS
