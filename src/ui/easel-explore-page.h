/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "easel-chart-builder.h"
#include "easel-columns-view.h"
#include "easel-correlation-view.h"
#include "easel-insights-view.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* A table explored: a sidebar of sections (Columns, Correlations, Chart Builder, Insights)
 * beside the section shown. Each section computes what it shows on a worker thread the
 * first time it is shown, and drops it when the table changes. */
#define EASEL_TYPE_EXPLORE_PAGE (easel_explore_page_get_type ())
G_DECLARE_FINAL_TYPE (EaselExplorePage, easel_explore_page, EASEL, EXPLORE_PAGE, GtkWidget)

GtkWidget            *easel_explore_page_new                  (void);
void                  easel_explore_page_set_table            (EaselExplorePage *self,
                                                               EaselTable       *table);
EaselTable           *easel_explore_page_get_table            (EaselExplorePage *self);
/* "columns", "correlations", "chart-builder" or "insights" */
void                  easel_explore_page_set_section          (EaselExplorePage *self,
                                                               const char       *name);
const char           *easel_explore_page_get_section          (EaselExplorePage *self);
/* Shows the column in the Columns section. */
void                  easel_explore_page_show_column          (EaselExplorePage *self,
                                                               guint             index);
EaselColumnsView     *easel_explore_page_get_columns_view     (EaselExplorePage *self);
EaselCorrelationView *easel_explore_page_get_correlation_view (EaselExplorePage *self);
EaselChartBuilder    *easel_explore_page_get_chart_builder    (EaselExplorePage *self);
EaselInsightsView    *easel_explore_page_get_insights_view    (EaselExplorePage *self);

G_END_DECLS
