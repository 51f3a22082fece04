/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Easel's charts: Cairo + Pango only, no GTK. A chart is made from plain arrays (or from
 * EaselColumns), styled, then drawn on any cairo_t — a widget, a PNG, an SVG or a PDF.
 *
 * Threads: data normalisation (bins, quartiles, the density grid of a big scatter) is done
 * by easel_chart_prepare(), which may run in a worker thread as long as nothing else uses
 * the chart meanwhile; easel_chart_render() then only lays out and strokes. Rendering an
 * unprepared chart prepares it first. The setters below drop prepared data: call them
 * before handing the chart to a worker, not while it prepares. */

#include <cairo.h>
#include <gio/gio.h>

#include "easel-table.h"
#include "easel-ticks.h"
#include "easel-histogram.h"

G_BEGIN_DECLS

typedef enum
{
  EASEL_CHART_HISTOGRAM,
  EASEL_CHART_BAR,
  EASEL_CHART_SCATTER,
  EASEL_CHART_BOX,
  EASEL_CHART_HEATMAP,
  EASEL_CHART_LINE,
  EASEL_CHART_MISSING,
  EASEL_CHART_IMAGE_GRID,
} EaselChartKind;

typedef enum
{
  EASEL_MISSING_VIEW_BARS,    /* one bar per column: the share of rows missing */
  EASEL_MISSING_VIEW_MATRIX,  /* columns × rows, missing cells marked */
} EaselMissingView;

typedef enum
{
  EASEL_DENSITY_AUTO,    /* a density image beyond EASEL_CHART_DENSITY_THRESHOLD points */
  EASEL_DENSITY_NEVER,
  EASEL_DENSITY_ALWAYS,
} EaselDensityMode;

#define EASEL_CHART_DENSITY_THRESHOLD 100000
#define EASEL_CHART_MAX_PALETTE 8

typedef struct
{
  double red, green, blue, alpha;  /* sRGB, 0..1, not premultiplied */
} EaselRgba;

/* Colours and font of a chart; a plain struct, copied by easel_chart_set_style(). */
typedef struct
{
  EaselRgba background;
  EaselRgba foreground;      /* title and axis labels */
  EaselRgba muted;           /* tick labels, notes, the "No data" message */
  EaselRgba grid;            /* grid lines */
  EaselRgba axis;            /* axis lines and the zero baseline */
  EaselRgba other;           /* the "Other" bucket and missing values */
  EaselRgba palette[EASEL_CHART_MAX_PALETTE];  /* categorical colours, in order of use */
  guint     n_palette;
  gboolean  dark;            /* picks colour ramps that suit a dark background */
  char      font_family[64]; /* a Pango family list, e.g. "Cantarell, Sans" */
  double    font_size;       /* points; tick labels are smaller, the title larger */
} EaselChartStyle;

/* White background, Okabe–Ito palette (colour-blind safe). */
void        easel_chart_style_init_light (EaselChartStyle *style);
/* libadwaita's dark view colours, the Okabe–Ito palette reordered bright first. */
void        easel_chart_style_init_dark  (EaselChartStyle *style);

typedef struct _EaselChart EaselChart;

/* Constructors copy their arguments. NaN values are left out of every chart. */

/* Histogram with Freedman–Diaconis bins (Sturges when the IQR is 0). */
EaselChart *easel_chart_new_histogram       (const double       *values,
                                             gsize               n);
/* From a numeric or boolean column; titled and labelled after the column. */
EaselChart *easel_chart_new_histogram_from_column (const EaselColumn *column,
                                                   GError           **error);
/* Bars of 'values' (counts) per label, largest first; beyond 'max_bars' (0 = 12) the
 * smallest are summed into one "Other" bar. */
EaselChart *easel_chart_new_bar             (const char *const  *labels,
                                             const double       *values,
                                             guint               n,
                                             guint               max_bars);
/* Counts of the values of a categorical, boolean or text column (missing values get a
 * "Missing" bar). */
EaselChart *easel_chart_new_bar_from_column (const EaselColumn  *column,
                                             guint               max_bars,
                                             GError            **error);
/* 'groups' (codes into 'group_names', -1 = none) may be NULL; it colours the points.
 * Beyond the palette size the smaller groups share the "Other" colour. */
EaselChart *easel_chart_new_scatter         (const double       *x,
                                             const double       *y,
                                             gsize               n,
                                             const gint32       *groups,
                                             const char *const  *group_names,
                                             guint               n_groups);
/* 'color' may be NULL, or a categorical or boolean column. */
EaselChart *easel_chart_new_scatter_from_columns (const EaselColumn *x,
                                                  const EaselColumn *y,
                                                  const EaselColumn *color,
                                                  GError           **error);
/* Box plots (Tukey: whiskers at the furthest value within 1.5 IQR of the box, outliers as
 * dots), one per group, or one for all values when 'groups' is NULL. */
EaselChart *easel_chart_new_box             (const double       *values,
                                             gsize               n,
                                             const gint32       *groups,
                                             const char *const  *group_names,
                                             guint               n_groups);
/* 'by' may be NULL, or a categorical or boolean column. */
EaselChart *easel_chart_new_box_from_columns (const EaselColumn *values,
                                              const EaselColumn *by,
                                              GError           **error);
/* A matrix of values, row-major, with a diverging palette centred at 0 when lo < 0 < hi
 * (a sequential one otherwise). Values are printed in the cells when they fit. */
EaselChart *easel_chart_new_heatmap         (const double       *cells,
                                             guint               n_rows,
                                             guint               n_cols,
                                             const char *const  *row_labels,
                                             const char *const  *col_labels,
                                             double              lo,
                                             double              hi);
/* An empty line chart; add series with easel_chart_add_series(). */
EaselChart *easel_chart_new_line            (void);
void        easel_chart_add_series          (EaselChart         *chart,
                                             const char         *name,
                                             const double       *x,
                                             const double       *y,
                                             gsize               n);
/* Missing values of 'n_columns' columns of 'n_rows' rows; masks[c] has one byte per row
 * (non-zero = missing) or is NULL when nothing is missing. */
EaselChart *easel_chart_new_missing         (const char *const  *names,
                                             const guint8 *const *masks,
                                             guint               n_columns,
                                             gsize               n_rows,
                                             EaselMissingView    view);
EaselChart *easel_chart_new_missing_from_table (const EaselTable *table,
                                                EaselMissingView  view);
/* 'n_images' images of width × height grey values, row-major and back to back; 'lo' is
 * drawn as paper (the background, a shade darker or lighter), 'hi' as ink (the
 * foreground). 'captions' may be NULL. */
EaselChart *easel_chart_new_image_grid      (const double       *pixels,
                                             guint               n_images,
                                             guint               width,
                                             guint               height,
                                             double              lo,
                                             double              hi,
                                             const char *const  *captions);

void        easel_chart_free                (EaselChart         *chart);

EaselChartKind easel_chart_get_kind         (const EaselChart   *chart);
void        easel_chart_set_title           (EaselChart         *chart,
                                             const char         *title);
const char *easel_chart_get_title           (const EaselChart   *chart);
void        easel_chart_set_x_label         (EaselChart         *chart,
                                             const char         *label);
void        easel_chart_set_y_label         (EaselChart         *chart,
                                             const char         *label);
void        easel_chart_set_style           (EaselChart         *chart,
                                             const EaselChartStyle *style);
const EaselChartStyle *easel_chart_get_style (const EaselChart  *chart);
/* HiDPI: text, lines and spacing are 'scale' times larger (for a 2× PNG, save at twice
 * the size with scale 2). A widget leaves this at 1: GTK already scales its cairo_t. */
void        easel_chart_set_scale           (EaselChart         *chart,
                                             double              scale);
/* Fix an axis range instead of fitting the data (histogram, scatter, line). */
void        easel_chart_set_x_range         (EaselChart         *chart,
                                             double              lo,
                                             double              hi);
void        easel_chart_set_y_range         (EaselChart         *chart,
                                             double              lo,
                                             double              hi);
void        easel_chart_set_density         (EaselChart         *chart,
                                             EaselDensityMode    mode);
/* Image grid: the number of columns (0 = fit the area). */
void        easel_chart_set_image_columns   (EaselChart         *chart,
                                             guint               columns);

/* Normalise the data for a chart of width × height (cairo user units) drawn on a device
 * with 'device_scale' pixels per unit. May run in a worker thread. */
void        easel_chart_prepare             (EaselChart         *chart,
                                             double              width,
                                             double              height,
                                             double              device_scale);
/* TRUE when drawing at this size would use data prepared for another size (a density
 * scatter is then stretched until prepared again). */
gboolean    easel_chart_needs_prepare       (const EaselChart   *chart,
                                             double              width,
                                             double              height,
                                             double              device_scale);
/* Draw the chart in the rectangle (0, 0, width, height) of 'cr'. */
void        easel_chart_render              (EaselChart         *chart,
                                             cairo_t            *cr,
                                             double              width,
                                             double              height);
/* Write the chart to a PNG (width × height pixels), SVG or PDF (points), picked by the
 * extension of 'path'. */
gboolean    easel_chart_save                (EaselChart         *chart,
                                             const char         *path,
                                             int                 width,
                                             int                 height,
                                             GError            **error);
/* The data under (x, y) of a width × height chart, as text for a tooltip ("Adelie: 152
 * rows"), newly allocated; NULL when there is nothing there. */
char       *easel_chart_describe_point      (EaselChart         *chart,
                                             double              x,
                                             double              y,
                                             double              width,
                                             double              height);
/* Where the data point (dx, dy) lands in a width × height chart; FALSE for charts
 * without numeric axes. For bar and box charts 'dx' is the index of a bar or box. */
gboolean    easel_chart_data_to_point       (EaselChart         *chart,
                                             double              width,
                                             double              height,
                                             double              dx,
                                             double              dy,
                                             double             *x,
                                             double             *y);
/* The plot area (inside the axes) of a width × height chart. */
void        easel_chart_get_plot_area       (EaselChart         *chart,
                                             double              width,
                                             double              height,
                                             double             *x,
                                             double             *y,
                                             double             *area_width,
                                             double             *area_height);

/* Inspection, for tests and tools. */
const EaselHistogram *easel_chart_get_histogram (const EaselChart *chart);
/* The density grid of a prepared scatter in density mode, row 0 at the top; NULL
 * otherwise. 'total' is the number of points binned. */
const guint32 *easel_chart_get_density_grid (const EaselChart   *chart,
                                             guint              *grid_width,
                                             guint              *grid_height,
                                             guint64            *total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselChart, easel_chart_free)

G_END_DECLS
