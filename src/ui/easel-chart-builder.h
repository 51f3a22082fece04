/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "easel-chart-view.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* Explore's Chart Builder: a kind of chart and the columns for its axes and colours, each
 * chosen from the columns that fit; the chart is built on a worker thread and can be
 * exported as PNG, SVG or PDF. */
#define EASEL_TYPE_CHART_BUILDER (easel_chart_builder_get_type ())
G_DECLARE_FINAL_TYPE (EaselChartBuilder, easel_chart_builder, EASEL, CHART_BUILDER, GtkWidget)

GtkWidget      *easel_chart_builder_new            (void);
void            easel_chart_builder_set_table      (EaselChartBuilder *self,
                                                    EaselTable        *table);
/* Chooses the kind and columns (by name; NULL = none or the default) as a person would in
 * the rows. FALSE if a named column does not exist or does not fit its role. */
gboolean        easel_chart_builder_set_chart      (EaselChartBuilder *self,
                                                    EaselChartKind     kind,
                                                    const char        *x,
                                                    const char        *y,
                                                    const char        *color);
EaselChartKind  easel_chart_builder_get_kind       (EaselChartBuilder *self);
/* The table column chosen for a role (EaselChartRole), or -1. */
int             easel_chart_builder_get_column     (EaselChartBuilder *self,
                                                    guint              role);
EaselChartView *easel_chart_builder_get_chart_view (EaselChartBuilder *self);
AdwComboRow    *easel_chart_builder_get_row        (EaselChartBuilder *self,
                                                    guint              role);
AdwComboRow    *easel_chart_builder_get_kind_row   (EaselChartBuilder *self);

G_END_DECLS
