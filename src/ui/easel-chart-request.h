/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "easel-chart.h"
#include "easel-table.h"

G_BEGIN_DECLS

/* A chart of a table's columns, described by its kind and the columns in its roles, and
 * built on a worker thread by easel_chart_request_build(). */
typedef enum
{
  EASEL_CHART_ROLE_X,
  EASEL_CHART_ROLE_Y,
  EASEL_CHART_ROLE_COLOR,
  EASEL_N_CHART_ROLES
} EaselChartRole;

typedef struct
{
  EaselTable     *table;
  EaselChartKind  kind;
  int             columns[EASEL_N_CHART_ROLES];   /* table indices; -1 = none */
  char           *title;                          /* NULL: one made from the columns */
} EaselChartRequest;

EaselChartRequest *easel_chart_request_new     (EaselTable        *table,
                                                EaselChartKind     kind,
                                                int                x,
                                                int                y,
                                                int                color);
void               easel_chart_request_free    (EaselChartRequest *request);
/* The chart that shows one column best: a histogram for numbers and dates, bars of the
 * most frequent values for the other types. */
EaselChartRequest *easel_chart_request_new_distribution (EaselTable *table,
                                                         guint       column);
/* An EaselChartBuildFunc: 'data' is an EaselChartRequest. */
EaselChart        *easel_chart_request_build   (gpointer           data,
                                                GCancellable      *cancellable,
                                                GError           **error);

/* Whether a chart of 'kind' uses 'role', and whether it must be set. */
gboolean           easel_chart_kind_uses_role  (EaselChartKind     kind,
                                                EaselChartRole     role,
                                                gboolean          *required);
/* Whether a column of 'type' can take 'role' in a chart of 'kind'. */
gboolean           easel_chart_kind_accepts    (EaselChartKind     kind,
                                                EaselChartRole     role,
                                                EaselColumnType    type);
/* What a role is called in a chart of 'kind' ("Values", "Group by"...), translated. */
const char        *easel_chart_role_get_label  (EaselChartKind     kind,
                                                EaselChartRole     role);
/* The chart kinds offered to people, in order, and their names. */
const EaselChartKind *easel_chart_kinds_get    (guint             *n_kinds);
const char        *easel_chart_kind_get_label  (EaselChartKind     kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselChartRequest, easel_chart_request_free)

G_END_DECLS
